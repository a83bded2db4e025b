import type { EntityManager } from '@mikro-orm/postgresql';
import { classify } from '../../common/calendar';
import { localDate } from '../../common/scalars';
import { NoticeKind } from '../notices/notice.entity';
import { queueNotices } from '../notices/notice-texts';
import { countStat, statCount } from '../reporting/desk-stats.entity';
import { executeTogether } from '../../common/statements';
import type { Event } from '../rulebook/events';
import { appointment, type DossierState } from '../rulebook/state';
import { TransferKind } from '../rulebook/statuses';
import { accessGrant, grantAccess } from './dossier-access.entity';
import type { Dossier } from './dossier.entity';

/**
 * What an event sets off beside the dossier itself, in the same transaction: who may now read it (the
 * access index), what the applicant is told (notices), and the dashboard's daily counts.
 */
export async function project(em: EntityManager, dossier: Dossier, event: Event, before: DossierState | null, actorAgencyName: string): Promise<void> {
  switch (event.type) {
    case 'SUBMIT':
      await grantAccess(em, event.deskCode, dossier.code, event.submittedAt);
      return;
    case 'REFUSE':
      queueNotices(em, dossier, NoticeKind.REFUSED, event.at);
      return;
    case 'STOP':
      queueNotices(em, dossier, NoticeKind.STOPPED, event.at, { agencyName: actorAgencyName });
      return;
    case 'RECEIVE':
      // One round trip while the desk's counters are held: the access and the day's count together.
      await executeTogether(em, [accessGrant(event.deskCode, dossier.code, event.receivedAt), statCount(event.deskCode, localDate(event.receivedAt), 'received')]);
      queueNotices(em, dossier, NoticeKind.RECEIVED, event.at);
      return;
    case 'HAND_OVER':
    case 'AWAIT_PAYMENT':
      await grantAccess(em, event.transfer.toCode, dossier.code, dossier.receivedAt);
      return;
    case 'ACCEPT':
      if (before?.transfers.find((transfer) => transfer.seq === event.transfer)?.kind === TransferKind.RESULT) await resultAtDesk(em, dossier, event.at);
      return;
    case 'RECORD_RESULT':
      if (!event.transfer) await resultAtDesk(em, dossier, event.at);
      return;
    case 'REQUEST_SUPPLEMENT':
      queueNotices(em, dossier, NoticeKind.SUPPLEMENT_REQUESTED, event.at, { agencyName: actorAgencyName });
      return;
    case 'APOLOGIZE':
      queueNotices(em, dossier, NoticeKind.APOLOGY, event.at, { agencyName: actorAgencyName });
      return;
    case 'REASSIGN':
      if (event.transfer || event.returnDesk) await grantAccess(em, event.to, dossier.code, dossier.receivedAt);
      return;
    case 'SUPPLEMENT':
    case 'RETURN':
    case 'WITHDRAW':
    case 'PAYMENT_RECEIVED':
      return;
  }
}

/**
 * The result is at the desk: counted for the dashboard on the day it arrived, by its timeliness, and the
 * applicant told to collect it.
 */
async function resultAtDesk(em: EntityManager, dossier: Dossier, at: Date): Promise<void> {
  queueNotices(em, dossier, NoticeKind.RESULT_READY, at);
  const timeliness = classify(at, appointment(dossier));
  const column = timeliness === 'EARLY' ? 'resolved_early' : timeliness === 'ON_TIME' ? 'resolved_on_time' : 'resolved_late';
  await countStat(em, dossier.deskCode, localDate(at), column);
}

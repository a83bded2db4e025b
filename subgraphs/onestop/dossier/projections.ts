import type { EntityManager } from '@mikro-orm/postgresql';
import { classify } from '../../common/calendar';
import { localDate } from '../../common/scalars';
import { NoticeKind } from '../notices/notice.entity';
import { noticeRows } from '../notices/notice-texts';
import { statCount } from '../reporting/desk-stats.entity';
import type { Statement } from '../../common/statements';
import type { Event } from '../rulebook/events';
import { appointment, type DossierState } from '../rulebook/state';
import { TransferKind } from '../rulebook/statuses';
import { accessGrant } from './dossier-access.entity';
import type { Dossier } from './dossier.entity';

/** What an event writes beside the dossier, to be sent as one statement, and the agencies it lets read the dossier. */
export interface Projection {
  statements: Statement[];
  granted: string[];
}

const grant = (agency: string, dossier: Dossier, receivedAt: Date): Projection => ({ statements: [accessGrant(agency, dossier.code, receivedAt)], granted: [agency] });
const nothing = (): Projection => ({ statements: [], granted: [] });
/** What the applicant is told, and nothing else. */
const told = (notices: Statement): Projection => ({ statements: [notices], granted: [] });

/**
 * What an event sets off beside the dossier itself, in the same transaction: who may now read it (the
 * access index), what the applicant is told (notices), and the dashboard's daily counts. They come back as
 * statements, for the caller to send together with the rest of the change: one round trip while the
 * dossier's (and at receipt the desk's) rows are held.
 */
export function project(em: EntityManager, dossier: Dossier, event: Event, before: DossierState | null, actorAgencyName: string): Projection {
  switch (event.type) {
    case 'SUBMIT':
      return grant(event.deskCode, dossier, event.submittedAt);
    case 'REFUSE':
      return told(noticeRows(em, dossier, NoticeKind.REFUSED, event.at));
    case 'STOP':
      return told(noticeRows(em, dossier, NoticeKind.STOPPED, event.at, { agencyName: actorAgencyName }));
    case 'RECEIVE': {
      const access = grant(event.deskCode, dossier, event.receivedAt);
      return { ...access, statements: [noticeRows(em, dossier, NoticeKind.RECEIVED, event.at), ...access.statements, statCount(event.deskCode, localDate(event.receivedAt), 'received')] };
    }
    case 'HAND_OVER':
    case 'AWAIT_PAYMENT':
      return grant(event.transfer.toCode, dossier, dossier.receivedAt);
    case 'ACCEPT':
      return before?.transfers.find((transfer) => transfer.seq === event.transfer)?.kind === TransferKind.RESULT ? resultAtDesk(em, dossier, event.at) : nothing();
    case 'RECORD_RESULT':
      return event.transfer ? nothing() : resultAtDesk(em, dossier, event.at);
    case 'REQUEST_SUPPLEMENT':
      return told(noticeRows(em, dossier, NoticeKind.SUPPLEMENT_REQUESTED, event.at, { agencyName: actorAgencyName }));
    case 'APOLOGIZE':
      return told(noticeRows(em, dossier, NoticeKind.APOLOGY, event.at, { agencyName: actorAgencyName }));
    case 'REASSIGN':
      return event.transfer || event.returnDesk ? grant(event.to, dossier, dossier.receivedAt) : nothing();
    case 'SUPPLEMENT':
    case 'RETURN':
    case 'WITHDRAW':
    case 'PAYMENT_RECEIVED':
      return nothing();
  }
}

/**
 * The result is at the desk: counted for the dashboard on the day it arrived, by its timeliness, and the
 * applicant told to collect it.
 */
function resultAtDesk(em: EntityManager, dossier: Dossier, at: Date): Projection {
  const timeliness = classify(at, appointment(dossier));
  const column = timeliness === 'EARLY' ? 'resolved_early' : timeliness === 'ON_TIME' ? 'resolved_on_time' : 'resolved_late';
  return { statements: [noticeRows(em, dossier, NoticeKind.RESULT_READY, at), statCount(dossier.deskCode, localDate(at), column)], granted: [] };
}

import { ForbiddenError, BadUserInputError } from '../../common/errors';
import { localDate } from '../../common/scalars';
import { text } from '../../common/validation';
import type { Deps } from '../dossier/change';
import { DossierEvent } from '../dossier/dossier-event.entity';
import { Dossier } from '../dossier/dossier.entity';
import { requireActor } from '../../common/roles';
import { appointment, leadAgencyName } from '../rulebook/state';
import { DossierStatus, Outcome, ReturnChannel, Timeliness } from '../rulebook/statuses';
import { LedgerRow } from './ledger-row.types';

const STATUS_NOTES: Partial<Record<DossierStatus, string>> = {
  [DossierStatus.SUPPLEMENT_REQUESTED]: 'Chờ bổ sung hồ sơ',
  [DossierStatus.AWAITING_PAYMENT]: 'Chờ thực hiện nghĩa vụ tài chính',
  [DossierStatus.WITHDRAWN]: 'Rút hồ sơ',
  [DossierStatus.REFUSED]: 'Từ chối tiếp nhận',
  [DossierStatus.STOPPED]: 'Dừng xử lý',
};
const TIMELINESS_NOTES: Record<Timeliness, string> = { EARLY: 'Trả trước hạn', ON_TIME: 'Trả đúng hạn', LATE: 'Trả quá hạn' };

/**
 * Sổ theo dõi hồ sơ: one book per desk, field and year, in ledger order, for the desk's own agency and
 * for supervisors.
 */
export async function ledger(deps: Deps, desk: string, field: string, year: number): Promise<LedgerRow[]> {
  const actor = requireActor(deps.actor);
  if (actor.agency !== desk && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${desk} and supervisors read ${desk}'s ledger.`);
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BadUserInputError('`year` is not a year.', { fields: { year: 'out of range' } });
  const dossiers = await deps.em.find(
    Dossier,
    { deskCode: desk, ledgerBook: `${text(field)} ${year}` },
    { orderBy: { ledgerNumber: 'asc' }, populate: ['legs', 'transfers'] },
  );
  // The appointment as the receipt gave it: the RECEIVE event's, read for the whole book in one query.
  const receipts = await deps.em.find(DossierEvent, { dossier: { $in: dossiers.map((dossier) => dossier.code) }, action: 'RECEIVE' });
  const appointedAt = new Map(receipts.map((event) => [event.dossier.code, (JSON.parse(event.details) as { dueAt?: string }).dueAt]));
  return dossiers.map((dossier) => {
    const dueOn = localDate(appointment(dossier));
    const appointedOn = appointedAt.get(dossier.code);
    const firstOn = appointedOn ? localDate(new Date(appointedOn)) : dueOn;
    const legs = dossier.legs.getItems();
    const transfers = dossier.transfers.getItems();
    const forwarded = transfers.find((transfer) => transfer.fromCode === dossier.deskCode);
    const applicant = dossier.applicant;
    const deniedNote = dossier.outcome === Outcome.DENIED ? 'Không giải quyết' : '';
    // A result sent by post: the post's tracking number stands for the applicant's signature (form 02, column 13).
    const postNote = dossier.returnChannel === ReturnChannel.POST ? `Trả qua dịch vụ bưu chính, số hiệu bưu gửi ${dossier.postalTrackingNumber}` : '';
    return Object.assign(new LedgerRow(), {
      number: dossier.ledgerNumber,
      volume: dossier.ledgerVolume,
      code: dossier.code,
      procedureName: dossier.procedureName,
      copies: dossier.copies,
      applicantName: applicant.name,
      addressAndPhone: [applicant.address, applicant.phone].filter(Boolean).join(', '),
      leadAgency: leadAgencyName(legs) ?? dossier.deskName,
      receivedOn: localDate(dossier.receivedAt),
      dueOn: firstOn,
      rescheduledOn: firstOn === dueOn ? null : dueOn,
      forwardedOn: forwarded ? localDate(forwarded.handedAt) : null,
      resultReceivedOn: dossier.resolvedAt ? localDate(dossier.resolvedAt) : null,
      returnedOn: dossier.returnedAt ? localDate(dossier.returnedAt) : null,
      returnedTo: dossier.returnedTo,
      note: [STATUS_NOTES[dossier.status], dossier.timeliness ? TIMELINESS_NOTES[dossier.timeliness] : null, deniedNote, postNote].filter(Boolean).join('; '),
    });
  });
}


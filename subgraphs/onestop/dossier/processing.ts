import { cleanList, Problems, requiredText, text } from '../../common/validation';
import { agencyAt, isOpen } from '../rulebook/directory';
import { ReturnChannel, type Outcome } from '../rulebook/statuses';
import { change, type Deps } from './change';
import { agencyDirectory } from './directory';
import type { Dossier } from './dossier.entity';

/**
 * The officers' actions on a received dossier: each cleans its input, looks up what the rules need, and
 * runs the change pipeline with its command. The rules themselves are in `rulebook/decide.ts`.
 */

function cleanNote(problems: Problems, note: string | null | undefined, max: number): string | null {
  const cleaned = text(note ?? '') || null;
  if (cleaned && cleaned.length > max) problems.add('note', `must be at most ${max} characters`);
  return cleaned;
}

/** Giao: the holder hands the dossier over; off the route, with a note. */
export async function handOverDossier(deps: Deps, code: string, to: string, note: string | null | undefined): Promise<Dossier> {
  const problems = new Problems();
  const toCode = requiredText(problems, 'to', to, 100);
  const cleaned = cleanNote(problems, note, 1000);
  problems.throwIfAny();
  const found = (await agencyDirectory(deps.graph)).get(toCode);
  const target = found && agencyAt(found, deps.now);
  const known = target && { code: target.code, name: target.name, open: isOpen(target, deps.now), successor: target.successor?.code ?? null };
  return change(deps, code, { type: 'HAND_OVER', to: toCode, target: known ?? null, note: cleaned });
}

/** Nhận: the addressed agency accepts, and the finished leg is classified. */
export function acceptDossier(deps: Deps, code: string): Promise<Dossier> {
  return change(deps, code, { type: 'ACCEPT' });
}

/**
 * Decree 61/2018 Art. 19: asked for once; the clock stops until the applicant supplements, by `dueAt` when
 * the agency sets it (Dossier.supplementDueAt; past it, the holder's inbox shows the dossier overdue).
 */
export async function requestSupplement(deps: Deps, code: string, items: string[], dueAt?: Date | null): Promise<Dossier> {
  const problems = new Problems();
  const cleanItems = cleanList(problems, 'items', items, { required: true });
  problems.throwIfAny();
  return change(deps, code, { type: 'REQUEST_SUPPLEMENT', items: cleanItems, dueAt: dueAt ?? null });
}

/**
 * Từ chối tiếp nhận hồ sơ: the desk turns away a submitted dossier, or one it just received and still
 * holds (a procedure it is not competent for, a dossier that is not eligible), with its reasons.
 */
export async function refuseDossier(deps: Deps, code: string, reasons: string[]): Promise<Dossier> {
  const problems = new Problems();
  const cleanReasons = cleanList(problems, 'reasons', reasons, { required: true });
  problems.throwIfAny();
  return change(deps, code, { type: 'REFUSE', reasons: cleanReasons });
}

/**
 * Dừng xử lý hồ sơ: the holder stops the processing with its legal reason (the applicant did not
 * supplement in time, or asked to stop).
 */
export async function stopDossier(deps: Deps, code: string, reason: string): Promise<Dossier> {
  const problems = new Problems();
  const cleanReason = requiredText(problems, 'reason', reason, 1000);
  problems.throwIfAny();
  return change(deps, code, { type: 'STOP', reason: cleanReason });
}

/** Decree 61/2018 Art. 19.4: once the dossier is complete, the processing time restarts from zero. */
export async function supplementDossier(deps: Deps, code: string, documents: string[]): Promise<Dossier> {
  const problems = new Problems();
  const given = cleanList(problems, 'documents', documents, { required: true });
  problems.throwIfAny();
  return change(deps, code, { type: 'SUPPLEMENT', documents: given });
}

/** Phiếu xin lỗi và hẹn lại ngày trả kết quả, once. */
export async function apologizeForDelay(deps: Deps, code: string, reason: string, newDueAt: Date): Promise<Dossier> {
  const problems = new Problems();
  const cleanReason = requiredText(problems, 'reason', reason, 1000);
  problems.throwIfAny();
  return change(deps, code, { type: 'APOLOGIZE', reason: cleanReason, newDueAt });
}

/** The result: APPROVED by the last agency, or DENIED with reasons; it goes back to the desk. */
export async function recordResult(deps: Deps, code: string, outcome: Outcome, note: string | null | undefined): Promise<Dossier> {
  const problems = new Problems();
  const cleaned = cleanNote(problems, note, 2000);
  problems.throwIfAny();
  return change(deps, code, { type: 'RECORD_RESULT', outcome, note: cleaned });
}

/** Trả kết quả: the desk returns the result at the desk or sends it by post, recording who received it. */
export async function returnResult(
  deps: Deps,
  code: string,
  receivedBy: string,
  channel?: ReturnChannel | null,
  postalTrackingNumber?: string | null,
): Promise<Dossier> {
  const problems = new Problems();
  const recipient = requiredText(problems, 'receivedBy', receivedBy, 200);
  const tracking = postalTrackingNumber == null ? null : requiredText(problems, 'postalTrackingNumber', postalTrackingNumber, 60);
  problems.throwIfAny();
  return change(deps, code, { type: 'RETURN', receivedBy: recipient, channel: channel ?? ReturnChannel.AT_DESK, postalTrackingNumber: tracking });
}

/** Rút hồ sơ: the applicant withdraws a dossier before its result. */
export async function withdrawDossier(deps: Deps, code: string, reason: string): Promise<Dossier> {
  const problems = new Problems();
  const cleanReason = requiredText(problems, 'reason', reason, 1000);
  problems.throwIfAny();
  return change(deps, code, { type: 'WITHDRAW', reason: cleanReason });
}

import type { Identity } from '../../common/auth';
import { DossierStatus, type Channel, type Delivery, type Outcome, type ReturnChannel, type Timeliness, type TransferKind } from './statuses';

/**
 * A dossier as the rules see it: plain data, no ORM. The change pipeline reads it off the stored dossier,
 * the rules decide and evolve it, and the pipeline writes the result back. The applicant's personal data,
 * the receipt's numbers and the procedure's names are not here: no rule depends on them.
 */

/** Who acts: the officer or system, its agency and roles, as the gateway forwarded them. */
export type Actor = Identity;

/** One leg of the route, planned at receipt: who works on it and by when. */
export interface LegState {
  seq: number;
  agencyCode: string;
  /** The agency as it was named when the leg was planned (or took the leg over). */
  agencyName: string;
  task: string;
  workingDays: number;
  dueAt: Date | null;
  /** When the leg's agency handed the dossier on. */
  completedAt: Date | null;
  result: Timeliness | null;
}

/** One hand-over, as one row of the control slip: giao, then nhận. */
export interface TransferState {
  seq: number;
  kind: TransferKind;
  fromCode: string;
  fromName: string;
  toCode: string;
  toName: string;
  handedAt: Date;
  handedBy: string;
  handedBySub: string;
  note: string | null;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  acceptedBySub: string | null;
  /** The leg this hand-over completed, classified when the receiving side accepted. */
  legSeq: number | null;
  result: Timeliness | null;
}

export interface DossierState {
  code: string;
  status: DossierStatus;
  deskCode: string;
  deskName: string;
  /** The desk that returns the result: the receiving one, or its successor once it closed. */
  returnDeskCode: string;
  returnDeskName: string;
  /** Who holds the dossier; null once it has left the state's hands. */
  holderCode: string | null;
  /** Handed over (giao) to this agency, which has not accepted (nhận) yet: in transit. */
  addresseeCode: string | null;
  /** How it came in. */
  channel: Channel;
  /** When it was submitted online or by post; null for a dossier handed in at the counter. */
  submittedAt: Date | null;
  /** The desk's receipt; while SUBMITTED, the submission. */
  receivedAt: Date;
  /** Ngày hẹn trả kết quả; null while SUBMITTED: the appointment is given at the desk's receipt. */
  dueAt: Date | null;
  dueProvisional: boolean;
  /**
   * The deadline of the leg the holder (or, in transit, the addressee) works on: the inbox's order. A
   * submitted dossier waits for the desk from its submission.
   */
  legDueAt: Date;
  /** The leg being worked on (its seq); 0 before the first leg when the desk is not on the route. */
  currentLeg: number;
  documents: string[];
  delivery: Delivery;
  supplementRequestedAt: Date | null;
  supplementItems: string[];
  /** The date by which the applicant must supplement. */
  supplementDueAt: Date | null;
  supplementedAt: Date | null;
  apologizedAt: Date | null;
  apologyReason: string | null;
  previousDueAt: Date | null;
  paymentAwaitedAt: Date | null;
  paidAt: Date | null;
  outcome: Outcome | null;
  outcomeNote: string | null;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  returnedTo: string | null;
  returnChannel: ReturnChannel | null;
  postalTrackingNumber: string | null;
  refusedAt: Date | null;
  refusalReasons: string[];
  stoppedAt: Date | null;
  stopReason: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  timeliness: Timeliness | null;
  legs: LegState[];
  transfers: TransferState[];
}

/** The appointment of a received dossier; only a SUBMITTED one has none, and no rule that reads it runs then. */
export function appointment(state: Pick<DossierState, 'dueAt' | 'code'>): Date {
  if (!state.dueAt) throw new Error(`Dossier ${state.code} has no appointment yet: it was submitted and not received.`);
  return state.dueAt;
}

/** Waiting for a supplement past the date the applicant was given. */
export const isSupplementOverdue = (state: Pick<DossierState, 'status' | 'supplementDueAt'>, now: Date): boolean =>
  state.status === DossierStatus.SUPPLEMENT_REQUESTED && state.supplementDueAt !== null && state.supplementDueAt < now;

/**
 * Cơ quan chủ trì: the catalogue names no lead agency, so the one whose legs take the largest share of the
 * working days leads (the earliest on a tie: a birth registration's commune, not the last leg's insurer).
 */
export function leadAgencyName(legs: ReadonlyArray<{ agencyName: string; workingDays: number }>): string | null {
  const days = new Map<string, number>();
  for (const leg of legs) days.set(leg.agencyName, (days.get(leg.agencyName) ?? 0) + leg.workingDays);
  let lead: string | null = null;
  for (const [name, total] of days) if (lead === null || total > days.get(lead)!) lead = name;
  return lead;
}

export const legAt = (state: Pick<DossierState, 'legs'>, seq: number): LegState | undefined => state.legs.find((leg) => leg.seq === seq);

/** The hand-over not yet accepted, addressed to the agency the dossier is in transit to. */
export const pendingTransfer = (state: DossierState): TransferState | undefined =>
  state.transfers.find((transfer) => transfer.acceptedAt === null && transfer.toCode === state.addresseeCode);

/** The name the dossier's own records give an agency (as it was then), or null when they do not name it. */
export function recordedName(state: DossierState, code: string): string | null {
  if (code === state.deskCode) return state.deskName;
  if (code === state.returnDeskCode) return state.returnDeskName;
  const transfer = [...state.transfers].reverse().find((t) => t.toCode === code || t.fromCode === code);
  if (transfer) return transfer.toCode === code ? transfer.toName : transfer.fromName;
  return state.legs.find((leg) => leg.agencyCode === code)?.agencyName ?? null;
}

import type { Column, Doc } from './pdf';

/**
 * The forms a desk hands to citizens and passes between agencies (Plan 58/KH-UBND, seed forms 01–04; the
 * supplement request and the apology of Decree 61/2018), filled from the dossier as it was recorded: the
 * names of agencies are those the dossier kept at the time.
 */

export interface FormDossier {
  code: string;
  procedureName: string;
  field: string;
  processingDays: number;
  deskName: string;
  receivedAt: string;
  /** Null while the dossier is SUBMITTED: no receipt, appointment or ledger entry yet. */
  receivedBy: string | null;
  dueAt: string | null;
  previousDueAt: string | null;
  delivery: 'AT_DESK' | 'POSTAL';
  copies: number;
  documents: string[];
  receiptNumber: string | null;
  ledgerBook: string | null;
  ledgerVolume: number | null;
  ledgerNumber: number | null;
  status: string;
  channel: 'COUNTER' | 'ONLINE' | 'POST';
  submittedAt: string | null;
  refusedAt: string | null;
  refusalReasons: string[];
  stoppedAt: string | null;
  stopReason: string | null;
  outcome: 'APPROVED' | 'DENIED' | null;
  outcomeNote: string | null;
  resolvedAt: string | null;
  returnChannel: 'AT_DESK' | 'POST' | null;
  postalTrackingNumber: string | null;
  applicant: { name: string; address: string | null; phone: string; email: string | null };
  legs: Array<{ seq: number; agencyName: string; task: string; workingDays: number }>;
  /** Cơ quan chủ trì giải quyết, as the onestop subgraph works it out. */
  leadAgencyName: string | null;
  transfers: Array<{
    seq: number;
    kind: string;
    fromName: string;
    toName: string;
    handedAt: string;
    handedBy: string;
    acceptedAt: string | null;
    acceptedBy: string | null;
    result: string | null;
    note: string | null;
  }>;
  supplementRequestedAt: string | null;
  supplementItems: string[];
  apologizedAt: string | null;
  apologyReason: string | null;
  history: Array<{ action: string; actorName: string; agencyName: string; at: string; details: string }>;
  /** The desk's address and phone as the register held them on the day of receipt. */
  desk: { code: string; asOf?: { address: string | null; phone: string | null } };
}

export const FORM_DOSSIER_FIELDS = `code procedureName field processingDays deskName receivedAt receivedBy dueAt previousDueAt delivery copies documents
  receiptNumber ledgerBook ledgerVolume ledgerNumber applicant { name address phone email }
  legs { seq agencyName task workingDays } leadAgencyName
  transfers { seq kind fromName toName handedAt handedBy acceptedAt acceptedBy result note }
  supplementRequestedAt supplementItems apologizedAt apologyReason
  status channel submittedAt refusedAt refusalReasons stoppedAt stopReason outcome outcomeNote resolvedAt returnChannel postalTrackingNumber
  history { action actorName agencyName at details } desk { code }`;

export interface FormGuidanceSlip {
  id: string;
  number: string;
  deskName: string;
  procedureName: string;
  applicant: { name: string; address: string | null; phone: string; email: string | null };
  submitted: string[];
  missing: string[];
  requirements: string[];
  issuedAt: string;
  issuedBy: string;
  /** The desk, with its phone as the register held it on the day of issue. */
  desk: { code: string; asOf?: { address: string | null; phone: string | null } };
}

export const FORM_GUIDANCE_FIELDS = `id number deskName procedureName applicant { name address phone email } submitted missing requirements issuedAt issuedBy desk { code }`;

export const at = (iso: string) => new Date(iso);
export const serialOf = (number: string) => number.split('/')[0];

/** The number the issuing agency gave its paper (in the event's details), when the history recorded one. */
export const paperNumber = (event: { details: string } | undefined): string | null =>
  (event ? ((JSON.parse(event.details) as { number?: string }).number ?? null) : null);

/** The dossier's last history event of `action`: who did it, for which agency, when. */
export function lastEvent(dossier: FormDossier, action: string) {
  return [...dossier.history].reverse().find((event) => event.action === action);
}

/** A column spanning the page between its margins. */
export const pageColumn = (doc: Doc): Column => ({ x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right });

/** A dossier the desk has received: it has its receipt, appointment and ledger entry (a SUBMITTED one has none). */
export type ReceivedDossier = FormDossier & { receivedBy: string; dueAt: string; receiptNumber: string; ledgerBook: string; ledgerVolume: number; ledgerNumber: number };

export const isReceived = (dossier: FormDossier): dossier is ReceivedDossier => dossier.receiptNumber !== null && dossier.dueAt !== null;

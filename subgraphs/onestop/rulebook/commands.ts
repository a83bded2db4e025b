import type { WorkingCalendar } from '../../common/calendar';
import type { Actor } from './state';
import type { Channel, Delivery, Outcome, ReturnChannel } from './statuses';

/**
 * What officers, desks and the hub ask of a dossier, with every fact the rules need already looked up:
 * the rules read no database, call no service and look at no clock.
 */

/** A route leg as resolved at receipt: the agency that works on it now. */
export interface RouteLeg {
  seq: number;
  agencyCode: string;
  agencyName: string;
  task: string;
  workingDays: number;
}

/** An agency as the directory gives it, for a hand-over to it. */
export interface TargetAgency {
  code: string;
  name: string;
  /** Operating at the instant of the hand-over. */
  open: boolean;
  successor: string | null;
}

/**
 * What moves to a successor: everything of an agency that closes, its desk's returns included, or the
 * work on one procedure whose competence moved (the receiving desk still returns the result then).
 */
export type Succession = { closed: true } | { closed: false; procedure: string };

export type Command =
  /** Nộp trực tuyến / qua bưu chính: the dossier has its code and waits for the desk; no appointment yet. */
  | {
      type: 'SUBMIT';
      code: string;
      desk: { code: string; name: string };
      /** The directory marks the submitter's agency as a public service portal at the submission. */
      byPortal: boolean;
      submittedAt: Date;
      channel: Channel.ONLINE | Channel.POST;
      documents: string[];
      copies: number;
      delivery: Delivery;
    }
  | {
      type: 'RECEIVE';
      code: string;
      desk: { code: string; name: string };
      receivedAt: Date;
      route: RouteLeg[];
      documents: string[];
      copies: number;
      delivery: Delivery;
      receiptNumber: string;
    }
  /** Giao: to any agency; `target` is null when the directory does not know `to`. */
  | { type: 'HAND_OVER'; to: string; target: TargetAgency | null; note: string | null }
  /** The holder's leg was done in its own system: on to the route's next agency, with what was done as the note. */
  | { type: 'HAND_ON'; note: string }
  /** Nhận. */
  | { type: 'ACCEPT' }
  /** Từ chối tiếp nhận: the desk turns the dossier away, with its reasons. */
  | { type: 'REFUSE'; reasons: string[] }
  /** Dừng xử lý: the holder stops the processing, with the legal reason. */
  | { type: 'STOP'; reason: string }
  /** `dueAt`: the date by which the applicant must supplement, when the agency sets one. */
  | { type: 'REQUEST_SUPPLEMENT'; items: string[]; dueAt?: Date | null; number?: string }
  | { type: 'SUPPLEMENT'; documents: string[] }
  /** `number`: the paper's number in the issuing agency's own sequence (“<n>/PXL”), given by the pipeline. */
  | { type: 'APOLOGIZE'; reason: string; newDueAt: Date; number?: string }
  | { type: 'RECORD_RESULT'; outcome: Outcome; note: string | null }
  | { type: 'RETURN'; receivedBy: string; channel?: ReturnChannel; postalTrackingNumber?: string | null }
  | { type: 'WITHDRAW'; reason: string }
  /** A tax notice completed the tax leg: on to the next agency, waiting for the payment. */
  | { type: 'AWAIT_PAYMENT'; notice: string; total: string }
  | { type: 'PAYMENT_RECEIVED'; paidAt: Date }
  /** An agency closed or a competence moved: the dossier follows the work to the successor. */
  | { type: 'REASSIGN'; from: string; to: { code: string; name: string }; reason: string; succession: Succession };

export type CommandType = Command['type'];

/** The facts of the moment every decision may use. */
export interface Facts {
  now: Date;
  calendar: WorkingCalendar;
  actor: Actor;
  /** The actor's agency reads the dossier (it holds, has held or was handed it), or the actor supervises. */
  reads: boolean;
}

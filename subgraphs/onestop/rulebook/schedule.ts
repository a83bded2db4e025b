import { HAND_OFF_CUTOFF_MINUTES, type WorkingCalendar } from '../../common/calendar';
import type { LegState } from './state';

/**
 * The dossier's schedule: each leg's deadline planned at receipt, planned again when a supplement restarts
 * the clock, moved by an apology, shifted by the time spent waiting for a payment. Pure: the calendar and
 * the instants are arguments. Every deadline a leg ever gets comes from here.
 */

/** A leg's (new) deadline, by the leg's seq. */
export interface LegDue {
  seq: number;
  dueAt: Date | null;
}

export interface ReceiptPlan {
  /** Each leg's deadline, in route order. */
  legDueAts: Date[];
  dueAt: Date;
  dueProvisional: boolean;
  /** The first deadline the dossier answers to: its first leg's, or the desk's hand-off when the desk is not on the route. */
  legDueAt: Date;
  currentLeg: number;
}

/**
 * At receipt, cumulative from the instant received: leg k is due when the working days of legs 1..k have
 * run, so the last leg's deadline is the dossier's due date. When the desk itself is not the route's first
 * leg, the dossier first answers to the desk's hand-off deadline (leg 0): the day's closing, or the next
 * opening after 15:00 (Decree 61/2018 Art. 18).
 */
export function planReceipt(
  calendar: WorkingCalendar,
  receivedAt: Date,
  legWorkingDays: readonly number[],
  firstLegAtDesk: boolean,
  handOffCutoff: number | null = HAND_OFF_CUTOFF_MINUTES,
): ReceiptPlan {
  if (legWorkingDays.length === 0) throw new RangeError('A route has at least one leg.');
  const plan = calendar.planLegs(receivedAt, legWorkingDays, handOffCutoff);
  return {
    legDueAts: plan.map((deadline) => deadline.dueAt),
    dueAt: plan[plan.length - 1].dueAt,
    dueProvisional: plan.some((deadline) => deadline.provisional),
    legDueAt: firstLegAtDesk ? plan[0].dueAt : calendar.handOffDeadline(receivedAt, handOffCutoff).dueAt,
    currentLeg: firstLegAtDesk ? 1 : 0,
  };
}

/** The legs still to run, the current one included: seq at or after the current leg (leg 1 before any). */
const stillAhead = (leg: LegState, currentLeg: number) => leg.seq >= Math.max(currentLeg, 1);

/**
 * Decree 61/2018 Art. 19.4: once the dossier is complete, the processing time restarts from zero. The whole
 * route is planned again from `at`, and the legs still ahead take their new deadlines.
 */
export function restartPlan(
  calendar: WorkingCalendar,
  at: Date,
  legs: readonly LegState[],
  currentLeg: number,
  handOffCutoff: number | null = HAND_OFF_CUTOFF_MINUTES,
): { legs: LegDue[]; dueAt: Date; dueProvisional: boolean } {
  const plan = calendar.planLegs(at, legs.map((leg) => leg.workingDays), handOffCutoff);
  return {
    legs: legs.flatMap((leg, index) => (stillAhead(leg, currentLeg) ? [{ seq: leg.seq, dueAt: plan[index].dueAt }] : [])),
    dueAt: plan[plan.length - 1].dueAt,
    dueProvisional: plan.some((deadline) => deadline.provisional),
  };
}

/**
 * An apology's new appointment: the legs still ahead and not yet done move by the working time the
 * appointment moved, and the last leg is due at the new appointment itself. A leg already past its deadline
 * at the apology (`at`) keeps it: the apology moves the appointment, not history, and that leg stays LATE.
 */
export function moveAppointment(calendar: WorkingCalendar, legs: readonly LegState[], currentLeg: number, dueAt: Date, newDueAt: Date, at?: Date): LegDue[] {
  const moved = calendar.workingMsBetween(dueAt, newDueAt);
  const last = legs.at(-1);
  return legs.flatMap((leg) => {
    if (leg === last) return [{ seq: leg.seq, dueAt: newDueAt }];
    if (!stillAhead(leg, currentLeg) || leg.result !== null || !leg.dueAt) return [];
    if (at && leg.dueAt < at) return [];
    return [{ seq: leg.seq, dueAt: calendar.addWorkingMs(leg.dueAt, moved).dueAt }];
  });
}

/**
 * The clock stopped while the applicant paid: every deadline not yet met moves by the working time that
 * passed between `from` and `to`.
 */
export function shiftForWaiting(
  calendar: WorkingCalendar,
  legs: readonly LegState[],
  dueAt: Date,
  from: Date | null,
  to: Date,
): { legs: LegDue[]; dueAt: Date; waitedMs: number } {
  const waitedMs = from ? calendar.workingMsBetween(from, to) : 0;
  return {
    legs: legs.flatMap((leg) => (leg.result === null && leg.dueAt ? [{ seq: leg.seq, dueAt: calendar.addWorkingMs(leg.dueAt, waitedMs).dueAt }] : [])),
    dueAt: calendar.addWorkingMs(dueAt, waitedMs).dueAt,
    waitedMs,
  };
}

/** The legs with the new deadlines applied. */
export function withDues(legs: readonly LegState[], dues: readonly LegDue[]): LegState[] {
  const byLeg = new Map(dues.map((due) => [due.seq, due.dueAt]));
  return legs.map((leg) => (byLeg.has(leg.seq) ? { ...leg, dueAt: byLeg.get(leg.seq)! } : leg));
}

/** The deadline the dossier answers to while leg `seq` is worked on: that leg's, or the dossier's own. */
export function legDue(legs: readonly LegState[], seq: number, dossierDueAt: Date): Date {
  return legs.find((leg) => leg.seq === seq)?.dueAt ?? dossierDueAt;
}

import { vnCalendar } from '../../subgraphs/common/calendar';
import { legDue, moveAppointment, planReceipt, restartPlan, shiftForWaiting, withDues } from '../../subgraphs/onestop/rulebook/schedule';
import type { LegState } from '../../subgraphs/onestop/rulebook/state';
import { Timeliness } from '../../subgraphs/onestop/rulebook/statuses';
import { at } from '../testkit/rulebook';

/** The schedule of a dossier in Vietnamese local time; March 2026 has winter office hours and no day off but weekends. */

const calendar = vnCalendar();
const leg = (seq: number, workingDays: number, dueAt: string | null, result: Timeliness | null = null): LegState => ({
  seq,
  agencyCode: `A${seq}`,
  agencyName: `Agency ${seq}`,
  task: 'Xử lý',
  workingDays,
  dueAt: dueAt ? at(dueAt) : null,
  completedAt: null,
  result,
});
/** A land transfer received Monday 2/3/2026 09:00: desk 0, land 4, tax 3, land 3 working days. */
const planned = () => [leg(1, 0, '2026-03-02 16:30'), leg(2, 4, '2026-03-06 09:00'), leg(3, 3, '2026-03-11 09:00'), leg(4, 3, '2026-03-16 09:00')];

describe('planning at receipt', () => {
  it('makes each leg due when the working days of the legs up to it have run, the last at the dossier’s due date', () => {
    expect(planReceipt(calendar, at('2026-03-02 09:00'), [0, 4, 3, 3], true)).toEqual({
      legDueAts: [at('2026-03-02 16:30'), at('2026-03-06 09:00'), at('2026-03-11 09:00'), at('2026-03-16 09:00')],
      dueAt: at('2026-03-16 09:00'),
      dueProvisional: !calendar.isConfirmed(2026),
      legDueAt: at('2026-03-02 16:30'),
      currentLeg: 1,
    });
  });

  it('when the desk is not on the route, the dossier first answers to the desk’s hand-off: next opening after 15:00', () => {
    const plan = planReceipt(calendar, at('2026-03-06 15:10'), [5], false);
    expect(plan).toMatchObject({ currentLeg: 0, legDueAt: at('2026-03-09 07:30'), dueAt: at('2026-03-13 15:10') });
  });

  it('says provisional when a deadline crosses a year whose calendar is not confirmed (2027 is computed from the Labor Code)', () => {
    expect(planReceipt(calendar, at('2026-12-28 09:00'), [0, 10], true).dueProvisional).toBe(true);
  });

  it('refuses a route without legs', () => {
    expect(() => planReceipt(calendar, at('2026-03-02 09:00'), [], true)).toThrow(RangeError);
  });
});

describe('planning again after a supplement (Decree 61/2018 Art. 19.4)', () => {
  it('restarts the whole time from the supplement; only the legs still ahead take new deadlines', () => {
    // Thursday 5/3 09:00: +4 → Wed 11/3, +7 → Mon 16/3, +10 → Thu 19/3.
    expect(restartPlan(calendar, at('2026-03-05 09:00'), planned(), 2)).toEqual({
      legs: [
        { seq: 2, dueAt: at('2026-03-11 09:00') },
        { seq: 3, dueAt: at('2026-03-16 09:00') },
        { seq: 4, dueAt: at('2026-03-19 09:00') },
      ],
      dueAt: at('2026-03-19 09:00'),
      dueProvisional: !calendar.isConfirmed(2026),
    });
  });

  it('before the first leg (the desk passing it on) plans every leg again', () => {
    expect(restartPlan(calendar, at('2026-03-03 09:00'), planned(), 0).legs.map((due) => due.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe('moving the appointment (an apology)', () => {
  it('moves the legs ahead and not yet done by the working time between the two appointments', () => {
    // 16/3 09:00 → 17/3 11:30: 6.5 + 4 = 10.5 working hours. Friday 6/3 09:00 + 10.5 h: 6.5 h that day, then
    // Monday 07:30 + 4 h = 11:30; Wednesday 11/3 09:00 + 10.5 h: Thursday 12/3 11:30.
    expect(moveAppointment(calendar, planned(), 2, at('2026-03-16 09:00'), at('2026-03-17 11:30'))).toEqual([
      { seq: 2, dueAt: at('2026-03-09 11:30') },
      { seq: 3, dueAt: at('2026-03-12 11:30') },
      { seq: 4, dueAt: at('2026-03-17 11:30') },
    ]);
  });

  it('leaves a leg already classified as it was', () => {
    const legs = [leg(1, 0, '2026-03-02 16:30', Timeliness.ON_TIME), leg(2, 4, '2026-03-06 09:00', Timeliness.LATE), leg(3, 6, '2026-03-16 09:00')];
    expect(moveAppointment(calendar, legs, 2, at('2026-03-16 09:00'), at('2026-03-18 09:00'))).toEqual([{ seq: 3, dueAt: at('2026-03-18 09:00') }]);
  });
});

describe('shifting for the time spent waiting for a payment', () => {
  it('moves every deadline not yet met by the working time waited, weekends not counted', () => {
    const legs = [leg(1, 0, '2026-03-02 16:30', Timeliness.ON_TIME), leg(2, 4, '2026-03-06 09:00', Timeliness.EARLY), leg(3, 3, '2026-03-11 09:00'), leg(4, 3, '2026-03-16 09:00')];
    // Friday 6/3 16:00 → Monday 9/3 08:00: half an hour on Friday and half an hour on Monday.
    expect(shiftForWaiting(calendar, legs, at('2026-03-16 09:00'), at('2026-03-06 16:00'), at('2026-03-09 08:00'))).toEqual({
      legs: [
        { seq: 3, dueAt: at('2026-03-11 10:00') },
        { seq: 4, dueAt: at('2026-03-16 10:00') },
      ],
      dueAt: at('2026-03-16 10:00'),
      waitedMs: 3_600_000,
    });
  });

  it('moves nothing when the wait has no start', () => {
    expect(shiftForWaiting(calendar, planned(), at('2026-03-16 09:00'), null, at('2026-03-09 08:00')).waitedMs).toBe(0);
  });
});

describe('the deadline that counts now', () => {
  it('is the worked leg’s, or the dossier’s when the leg has none', () => {
    const legs = withDues(planned(), [{ seq: 3, dueAt: null }]);
    expect(legDue(legs, 2, at('2026-03-16 09:00'))).toEqual(at('2026-03-06 09:00'));
    expect(legDue(legs, 3, at('2026-03-16 09:00'))).toEqual(at('2026-03-16 09:00'));
    expect(legDue(legs, 0, at('2026-03-16 09:00'))).toEqual(at('2026-03-16 09:00'));
  });
});

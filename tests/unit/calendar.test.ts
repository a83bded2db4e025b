import { classify, laborCodeDaysOff, vnCalendar, WorkingCalendar } from '../../subgraphs/common/calendar';
import { calendarRecord } from '../../subgraphs/common/reference-data';
import { formatDateTime } from '../../subgraphs/common/scalars';

const at = (local: string) => new Date(`${local}+07:00`);
const due = (start: string, days: number, calendar = vnCalendar()) => formatDateTime(calendar.addWorkingDays(at(start), days).dueAt);
const local = (iso: string) => `${iso}:00+07:00`;

describe('working days in Bắc Giang’s calendar (winter 07:30–12:00, 13:00–16:30; summer 07:00–11:30, 13:30–17:00)', () => {
  it.each([
    // given a receipt at …, N working days, then due at …
    ['skips the weekend', '2026-03-06T09:00', 1, '2026-03-09T09:00'],
    ['starts the clock at opening when received before it', '2026-03-09T06:45', 1, '2026-03-09T16:30'],
    ['starts the clock after lunch when received at lunch, and shows a due instant at noon as 12:00', '2026-03-10T12:20', 1, '2026-03-11T12:00'],
    ['keeps a due instant at a closing time as that closing time (Friday 16:30 + 5)', '2026-03-13T16:30', 5, '2026-03-20T16:30'],
    ['starts the clock at the next opening when received after closing', '2026-03-12T18:00', 1, '2026-03-13T16:30'],
    ['skips Tết 2026 (days off Monday 16 to Friday 20 February)', '2026-02-13T09:00', 3, '2026-02-25T09:00'],
    ['skips 30/4 and 1/5', '2026-04-29T10:00', 2, '2026-05-05T10:00'],
    ['skips the Monday that makes up for a Giỗ Tổ on Sunday 26/4/2026', '2026-04-24T10:00', 1, '2026-04-28T10:00'],
    ['counts a working Saturday (26/4/2025)', '2025-04-25T14:00', 1, '2025-04-26T14:00'],
    ['crosses from winter to summer hours on 16 April', '2026-04-14T09:00', 2, '2026-04-16T08:30'],
    ['keeps the same clock time for whole working days', '2026-03-09T09:00', 10, '2026-03-23T09:00'],
    ['answers 0 working days with the clock start', '2026-03-07T10:00', 0, '2026-03-09T07:30'],
  ])('%s', (_rule, receivedAt, days, expected) => {
    expect(due(receivedAt, days)).toBe(local(expected));
  });

  it('computes a year with no loaded schedule from the Labor Code and the lunar calendar, and says it is provisional', () => {
    // Tết 2027: lunar new year on Saturday 6/2; days off Fri 5, Mon 8, Tue 9, and Wed 10, Thu 11 for the weekend.
    const deadline = vnCalendar().addWorkingDays(at('2027-02-04T09:00'), 2);
    expect(formatDateTime(deadline.dueAt)).toBe(local('2027-02-15T09:00'));
    expect(deadline.provisional).toBe(true);
    expect(laborCodeDaysOff(2027).map((day) => day.date).filter((date) => date < '2027-03-01')).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
  });

  it('finds the official Tết 2026 and the Giỗ Tổ make-up day by the Labor Code’s rules alone', () => {
    const days = laborCodeDaysOff(2026).map((day) => day.date);
    expect(days).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27']));
    expect(days).not.toContain('2026-04-26');
  });

  it('is not provisional within a confirmed year, and becomes so when the deadline crosses into one that is not', () => {
    const record = calendarRecord();
    const confirmed = new WorkingCalendar({ ...record, years: { ...record.years, '2026': { ...record.years['2026'], confirmed: true } } });
    expect(confirmed.addWorkingDays(at('2026-03-09T09:00'), 10).provisional).toBe(false);
    expect(confirmed.addWorkingDays(at('2026-12-28T09:00'), 10).provisional).toBe(true);
    // The data file confirms 2026 (Notice 9441/TB-BNV, Document 12729/VPCP-KGVX), not 2025.
    expect(vnCalendar().addWorkingDays(at('2026-03-09T09:00'), 10).provisional).toBe(false);
    expect(vnCalendar().addWorkingDays(at('2025-03-10T09:00'), 10).provisional).toBe(true);
  });

  it('follows 2026’s official swaps: Friday 2/1 and Monday 31/8 off, Saturdays 10/1 and 22/8 worked, and 1/9 as National Day', () => {
    const calendar = vnCalendar();
    expect(['2026-01-02', '2026-01-10', '2026-08-22', '2026-08-31', '2026-09-01', '2026-09-02', '2026-09-03'].map((date) => calendar.dayOffReason(date))).toEqual([
      'Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/1/2026)',
      null,
      null,
      'Nghỉ Quốc khánh (hoán đổi với thứ Bảy 22/8/2026)',
      'Quốc khánh',
      'Quốc khánh',
      null,
    ]);
    // Received Friday 28/8 at 09:00 with 2 working days: Monday 31/8 to Wednesday 2/9 are off.
    expect(formatDateTime(calendar.addWorkingDays(at('2026-08-28T09:00'), 2).dueAt)).toBe(local('2026-09-04T09:00'));
  });

  it('says why a day is not a working day', () => {
    expect(vnCalendar().dayOffReason('2026-02-17')).toBe('Tết Nguyên đán');
    expect(vnCalendar().dayOffReason('2026-03-08')).toBe('Chủ nhật');
    expect(vnCalendar().dayOffReason('2026-03-07')).toBe('Thứ Bảy');
    expect(vnCalendar().dayOffReason('2025-04-26')).toBeNull();
    expect(vnCalendar().dayOffReason('2026-03-09')).toBeNull();
  });
});

describe('the desk’s own leg of 0 working days (Decree 61/2018 Art. 18)', () => {
  it.each([
    ['is due at closing the same day when received by 15:00', '2026-03-09T14:59', '2026-03-09T16:30'],
    ['is due at the next opening when received after 15:00', '2026-03-09T15:01', '2026-03-10T07:30'],
    ['is due at the next opening when received on a day off', '2026-03-07T09:00', '2026-03-09T07:30'],
    ['is due at the summer closing time in summer', '2026-06-01T09:00', '2026-06-01T17:00'],
    ['is due after Tết when received on the last day before it, late', '2026-02-13T15:30', '2026-02-23T07:30'],
  ])('%s', (_rule, receivedAt, expected) => {
    expect(formatDateTime(vnCalendar().handOffDeadline(at(receivedAt)).dueAt)).toBe(local(expected));
  });

  it('plans a liaison route’s legs cumulatively from the receipt (land transfer: 0 + 4 + 3 + 3 days)', () => {
    const legs = vnCalendar().planLegs(at('2026-03-09T09:00'), [0, 4, 3, 3]);
    expect(legs.map((leg) => formatDateTime(leg.dueAt))).toEqual(
      ['2026-03-09T16:30', '2026-03-13T09:00', '2026-03-18T09:00', '2026-03-23T09:00'].map(local),
    );
  });
});

describe('working time between two instants', () => {
  it('counts only office hours', () => {
    const hours = vnCalendar().workingMsBetween(at('2026-03-13T16:00'), at('2026-03-16T08:30')) / 3_600_000;
    expect(hours).toBe(1.5);
    expect(vnCalendar().workingMsBetween(at('2026-02-14T08:00'), at('2026-02-22T18:00'))).toBe(0);
  });

  it('shifts a deadline by the working time it waited', () => {
    const waited = vnCalendar().workingMsBetween(at('2026-03-10T10:00'), at('2026-03-12T10:00'));
    expect(waited / vnCalendar().dayMs).toBe(2);
    expect(formatDateTime(vnCalendar().addWorkingMs(at('2026-03-13T09:00'), waited).dueAt)).toBe(local('2026-03-17T09:00'));
  });
});

describe('timeliness', () => {
  it.each([
    ['EARLY', '2026-03-12T17:00', '2026-03-13T09:00'],
    ['ON_TIME', '2026-03-13T16:59', '2026-03-13T09:00'],
    ['ON_TIME', '2026-03-13T23:59', '2026-03-13T16:30'],
    ['LATE', '2026-03-14T00:01', '2026-03-13T16:30'],
  ])('is %s by local calendar date (done %s, due %s)', (expected, doneAt, dueAt) => {
    expect(classify(at(doneAt), at(dueAt))).toBe(expected);
  });
});

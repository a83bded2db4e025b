import { LunarDate } from '@nghiavuive/lunar_date_vi';
import { calendarRecord, type CalendarDay, type CalendarRecord, type OfficeSeasonRecord } from './reference-data';
import { VN_OFFSET_MS, localDate } from './scalars';

/**
 * Working time (thời gian làm việc) in Asia/Ho_Chi_Minh: Monday to Friday during office hours, minus public
 * holidays, plus working Saturdays, from the calendar data; years without a loaded schedule follow the
 * Labor Code's fixed rules. Pure functions: time is always an argument.
 */

/** YYYY-MM-DD, a local calendar date. */
export type LocalDate = string;

export interface Deadline {
  dueAt: Date;
  /** The deadline crosses a year whose official schedule is not confirmed. */
  provisional: boolean;
}

export type Timeliness = 'EARLY' | 'ON_TIME' | 'LATE';

interface Session {
  start: Date;
  end: Date;
}

interface YearSchedule {
  confirmed: boolean;
  daysOff: Map<LocalDate, string>;
  workingSaturdays: Map<LocalDate, string>;
}

interface Season {
  from: string;
  to: string;
  /** Minutes after local midnight. */
  sessions: Array<[number, number]>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Decree 61/2018 Art. 18: a paper dossier received after 15:00 goes to the processing agency next working day. */
export const HAND_OFF_CUTOFF_MINUTES = 15 * 60;
/** Any real calendar has a working day within this many days; more means broken calendar data. */
const SEARCH_LIMIT_DAYS = 3660;

const minutesOf = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The instant at `minutes` after local midnight of `date`. */
export function localInstant(date: LocalDate, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 - VN_OFFSET_MS);
}

function localMinutes(instant: Date): number {
  const local = new Date(instant.getTime() + VN_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / 60_000;
}

function lunarToSolar(year: number, month: number, day: number): LocalDate {
  const lunar = new LunarDate({ year, month, day });
  lunar.init();
  const solar = lunar.toSolarDate().get();
  return `${solar.year}-${String(solar.month).padStart(2, '0')}-${String(solar.day).padStart(2, '0')}`;
}

/**
 * Labor Code 2019 Art. 112 for a year whose schedule is not loaded: 1/1; Tết, the last day of the lunar
 * year and the first four of the new one; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 with an adjacent
 * day. Art. 111.3: a holiday on a weekly rest day is taken on the next working day.
 */
export function laborCodeDaysOff(year: number): CalendarDay[] {
  const newYear = lunarToSolar(year, 1, 1);
  const nationalDay = `${year}-09-02`;
  const holidays: CalendarDay[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...[-1, 0, 1, 2, 3].map((offset) => ({ date: addDays(newYear, offset), name: 'Tết Nguyên đán' })),
    { date: lunarToSolar(year, 3, 10), name: 'Giỗ Tổ Hùng Vương' },
    { date: `${year}-04-30`, name: 'Ngày Giải phóng miền Nam' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    // The adjacent day the Prime Minister usually picks joins the holiday to a weekend.
    { date: addDays(nationalDay, dayOfWeek(nationalDay) === 2 ? -1 : 1), name: 'Quốc khánh' },
    { date: nationalDay, name: 'Quốc khánh' },
  ];
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const compensations: CalendarDay[] = [];
  for (const holiday of holidays) {
    if (dayOfWeek(holiday.date) !== 0 && dayOfWeek(holiday.date) !== 6) continue;
    let date = addDays(holiday.date, 1);
    while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6 || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    compensations.push({ date, name: `Nghỉ bù ${holiday.name}` });
  }
  return [...holidays, ...compensations].filter((day) => dayOfWeek(day.date) !== 0 && dayOfWeek(day.date) !== 6);
}

export class WorkingCalendar {
  /** One working day: a full office day. */
  readonly dayMs: number;
  private readonly seasons: Season[];
  private readonly schedules = new Map<number, YearSchedule>();
  private readonly loaded: CalendarRecord['years'];

  constructor(record: CalendarRecord) {
    this.loaded = record.years;
    this.seasons = Object.values(record.officeHours).map((season: OfficeSeasonRecord) => ({
      from: season.from,
      to: season.to,
      sessions: season.sessions.map(([start, end]) => [minutesOf(start), minutesOf(end)] as [number, number]),
    }));
    const lengths = new Set(this.seasons.map((season) => season.sessions.reduce((sum, [start, end]) => sum + end - start, 0)));
    if (lengths.size !== 1) throw new Error('Every season of the office hours must add up to the same working day.');
    this.dayMs = [...lengths][0] * 60_000;
  }

  private schedule(year: number): YearSchedule {
    let schedule = this.schedules.get(year);
    if (!schedule) {
      const record = this.loaded[String(year)];
      schedule = {
        confirmed: record?.confirmed ?? false,
        daysOff: new Map((record?.daysOff ?? laborCodeDaysOff(year)).map((day) => [day.date, day.name])),
        workingSaturdays: new Map((record?.workingSaturdays ?? []).map((day) => [day.date, day.name])),
      };
      this.schedules.set(year, schedule);
    }
    return schedule;
  }

  isConfirmed(year: number): boolean {
    return this.schedule(year).confirmed;
  }

  /** Why the date is not a working day, or null when it is one. */
  dayOffReason(date: LocalDate): string | null {
    const schedule = this.schedule(Number(date.slice(0, 4)));
    const holiday = schedule.daysOff.get(date);
    if (holiday) return holiday;
    const weekday = dayOfWeek(date);
    if (weekday === 6 && !schedule.workingSaturdays.has(date)) return 'Thứ Bảy';
    if (weekday === 0) return 'Chủ nhật';
    return null;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.dayOffReason(date) === null;
  }

  /** The office sessions of a date; none on a day off. */
  sessions(date: LocalDate): Session[] {
    if (!this.isWorkingDay(date)) return [];
    const monthDay = date.slice(5);
    const season = this.seasons.find(({ from, to }) => (from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to));
    if (!season) throw new Error(`No office hours cover ${monthDay}.`);
    return season.sessions.map(([start, end]) => ({ start: localInstant(date, start), end: localInstant(date, end) }));
  }

  nextWorkingDay(after: LocalDate): LocalDate {
    let date = addDays(after, 1);
    for (let i = 0; !this.isWorkingDay(date); i++, date = addDays(date, 1)) {
      if (i > SEARCH_LIMIT_DAYS) throw new Error('The calendar has no working day.');
    }
    return date;
  }

  previousWorkingDay(before: LocalDate): LocalDate {
    let date = addDays(before, -1);
    for (let i = 0; !this.isWorkingDay(date); i++, date = addDays(date, -1)) {
      if (i > SEARCH_LIMIT_DAYS) throw new Error('The calendar has no working day.');
    }
    return date;
  }

  /** Whether an office is open at the instant; a closing time still counts as open. */
  isOpenAt(instant: Date): boolean {
    return this.sessions(localDate(instant)).some(({ start, end }) => instant >= start && instant <= end);
  }

  /**
   * The instant `ms` of working time after `start`. The clock starts at the next opening when `start` is
   * outside office hours; a due instant that falls at a closing time stays at that closing time.
   */
  addWorkingMs(start: Date, ms: number): Deadline {
    if (!(ms >= 0)) throw new RangeError('Working time cannot be negative.');
    let remaining = ms;
    let date = localDate(start);
    let provisional = false;
    for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++, date = addDays(date, 1)) {
      provisional ||= !this.isConfirmed(Number(date.slice(0, 4)));
      for (const session of this.sessions(date)) {
        if (session.end < start) continue;
        const begin = session.start > start ? session.start : start;
        const available = session.end.getTime() - begin.getTime();
        if (remaining <= available) return { dueAt: new Date(begin.getTime() + remaining), provisional };
        remaining -= available;
      }
    }
    throw new Error('The calendar has no working time.');
  }

  /** N working days = N full office days of working time after `start`. */
  addWorkingDays(start: Date, days: number): Deadline {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('Working days must be a whole number, zero or more.');
    return this.addWorkingMs(start, days * this.dayMs);
  }

  /** Working time between two instants (0 when `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number {
    let total = 0;
    for (let date = localDate(from), i = 0; date <= localDate(to) && i <= SEARCH_LIMIT_DAYS; date = addDays(date, 1), i++) {
      for (const { start, end } of this.sessions(date)) {
        const begin = Math.max(start.getTime(), from.getTime());
        const finish = Math.min(end.getTime(), to.getTime());
        if (finish > begin) total += finish - begin;
      }
    }
    return total;
  }

  /**
   * The deadline of a leg of 0 working days (the desk passing the dossier on): the closing time of the day
   * of receipt, or the opening of the next working day when received after the cut-off hour (15:00 by
   * default; the rules of the day of receipt say which, `rulebook/regimes.ts`), after closing, or on a day off.
   */
  handOffDeadline(receivedAt: Date, cutoffMinutes: number | null = HAND_OFF_CUTOFF_MINUTES): Deadline {
    const date = localDate(receivedAt);
    const sessions = this.sessions(date);
    const closing = sessions.length ? localMinutes(sessions[sessions.length - 1].end) : 0;
    const sameDay = sessions.length > 0 && localMinutes(receivedAt) <= Math.min(cutoffMinutes ?? closing, closing);
    const dueDate = sameDay ? date : this.nextWorkingDay(date);
    const dueSessions = this.sessions(dueDate);
    const dueAt = sameDay ? dueSessions[dueSessions.length - 1].end : dueSessions[0].start;
    const provisional = !this.isConfirmed(Number(date.slice(0, 4))) || !this.isConfirmed(Number(dueDate.slice(0, 4)));
    return { dueAt, provisional };
  }

  /**
   * Each leg's deadline, cumulative from `start`: leg k is due when the working days of legs 1..k have run;
   * while none have (the desk's own leg), the hand-off rule applies.
   */
  planLegs(start: Date, legDays: readonly number[], cutoffMinutes: number | null = HAND_OFF_CUTOFF_MINUTES): Deadline[] {
    let cumulative = 0;
    return legDays.map((days) => {
      cumulative += days;
      return cumulative === 0 ? this.handOffDeadline(start, cutoffMinutes) : this.addWorkingDays(start, cumulative);
    });
  }
}

/** Early, on time or late by local calendar date, as the national indicator compares them. */
export function classify(doneAt: Date, dueAt: Date): Timeliness {
  const done = localDate(doneAt);
  const due = localDate(dueAt);
  return done < due ? 'EARLY' : done === due ? 'ON_TIME' : 'LATE';
}

let vietnam: WorkingCalendar | undefined;

/** The calendar of `domain/calendar-vn.json`. */
export function vnCalendar(): WorkingCalendar {
  vietnam ??= new WorkingCalendar(calendarRecord());
  return vietnam;
}

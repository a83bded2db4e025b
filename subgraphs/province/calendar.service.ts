import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, dayOfWeek, laborCodeDaysOff, WorkingCalendar as Calendar } from '../common/calendar';
import { BadUserInputError } from '../common/errors';
import { recordMessage } from '../common/outbox';
import type { CalendarDay, CalendarRecord, OfficeSeasonRecord } from '../common/reference-data';
import { localDate } from '../common/scalars';
import { optionalText, Problems, requiredText } from '../common/validation';
import { CalendarYear } from './calendar-year.entity';
import { OfficeHours } from './office-hours.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { requireRegistrar, type ProvinceDeps } from './register';
import type { OfficeHoursInput, WorkingCalendarInput } from './working-calendar.types';
import { WorkingCalendar } from './working-calendar.types';

/**
 * The working calendar as a register: each year's official days off and working Saturdays, and the office
 * hours, entered by the registrar with their sources and kept in versions. A day already past keeps what it
 * was: deadlines were counted on it, so a correction may change only today and the days ahead. A change
 * applies to the deadlines planned from then on; dossiers already received keep the appointment their
 * receipt promised (Giấy tiếp nhận và hẹn trả kết quả), which an agency that cannot meet it moves with an
 * apology, as for any other delay.
 */

export const LABOR_CODE_SOURCE = 'Bộ luật Lao động 2019, Điều 111 và 112: the fixed rules, for a year whose official schedule is not entered';

/** The latest version of every year entered. */
export async function enteredYears(em: EntityManager): Promise<Map<number, CalendarYear>> {
  const versions = await em.find(CalendarYear, {}, { orderBy: { year: 'asc', seq: 'asc' } });
  return new Map(versions.map((version) => [version.year, version]));
}

export async function currentOfficeHours(em: EntityManager): Promise<OfficeHours | null> {
  const [latest] = await em.find(OfficeHours, {}, { orderBy: { seq: 'desc' }, limit: 1 });
  return latest ?? null;
}

export function calendarView(year: number, version: CalendarYear | undefined): WorkingCalendar {
  if (!version) {
    return new WorkingCalendar({ year, confirmed: false, source: LABOR_CODE_SOURCE, reason: null, version: 0, recordedAt: null, recordedBy: null, daysOff: laborCodeDaysOff(year), workingSaturdays: [] });
  }
  const { confirmed, source, reason, seq, recordedAt, recordedBy, daysOff, workingSaturdays } = version;
  return new WorkingCalendar({ year, confirmed, source, reason, version: seq, recordedAt, recordedBy, daysOff, workingSaturdays });
}

/** The register as a calendar the deadlines run on. */
export function calendarOfRecords(years: Map<number, Pick<CalendarYear, 'confirmed' | 'daysOff' | 'workingSaturdays'>>, seasons: Record<string, OfficeSeasonRecord>): Calendar {
  const record: CalendarRecord = { years: Object.fromEntries([...years].map(([year, v]) => [String(year), { confirmed: v.confirmed, daysOff: v.daysOff, workingSaturdays: v.workingSaturdays }])), officeHours: seasons };
  return new Calendar(record);
}

function cleanDays(problems: Problems, field: string, year: number, days: ReadonlyArray<{ date: string; name: string }> | null | undefined, saturdays: boolean): CalendarDay[] {
  const seen = new Set<string>();
  const cleaned = (days ?? []).map((day, index) => {
    const path = `${field}[${index}]`;
    if (!day.date?.startsWith(`${year}-`)) problems.add(`${path}.date`, `must be a date of ${year}`);
    else if (saturdays && dayOfWeek(day.date) !== 6) problems.add(`${path}.date`, 'a working Saturday is a Saturday');
    else if (!saturdays && [0, 6].includes(dayOfWeek(day.date))) problems.add(`${path}.date`, 'is a weekend day: enter the weekday taken off instead');
    if (seen.has(day.date)) problems.add(`${path}.date`, `${day.date} is entered twice`);
    seen.add(day.date);
    return { date: day.date, name: requiredText(problems, `${path}.name`, day.name, 200) };
  });
  if (cleaned.length > 60) problems.add(field, 'at most 60 days');
  return cleaned.sort((a, b) => a.date.localeCompare(b.date));
}

/** The dates of `year` before `today` on which the two calendars disagree. */
function pastDaysChanged(before: Calendar, after: Calendar, year: number, today: string): string[] {
  const changed: string[] = [];
  for (let date = `${year}-01-01`; date < today && date.startsWith(String(year)); date = addDays(date, 1)) {
    if (before.isWorkingDay(date) !== after.isWorkingDay(date)) changed.push(date);
  }
  return changed;
}

/** The dates of `year` from `today` on whose status changes. */
function daysChangedAhead(before: Calendar, after: Calendar, year: number, today: string): string[] {
  const changed: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    if (date >= today && before.isWorkingDay(date) !== after.isWorkingDay(date)) changed.push(date);
  }
  return changed;
}

/** `setWorkingCalendar`: the registrar enters (or corrects) a year's official schedule. */
export async function setWorkingCalendar(deps: ProvinceDeps, input: WorkingCalendarInput): Promise<WorkingCalendar> {
  const actor = await requireRegistrar(deps);
  const problems = new Problems();
  const nowYear = Number(localDate(deps.now).slice(0, 4));
  const year = input.year;
  if (!Number.isInteger(year) || year < 2015 || year > nowYear + 2) problems.add('input.year', `must be a year from 2015 to ${nowYear + 2}`);
  const daysOff = cleanDays(problems, 'input.daysOff', year, input.daysOff, false);
  const workingSaturdays = cleanDays(problems, 'input.workingSaturdays', year, input.workingSaturdays, true);
  const source = requiredText(problems, 'input.source', input.source, 2000);
  const reason = optionalText(problems, 'input.reason', input.reason, 1000) ?? source;
  problems.throwIfAny();
  return deps.em.transactional(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('mot-cua-hub:province-calendar'))`);
    const years = await enteredYears(em);
    const hours = await currentOfficeHours(em);
    if (!hours) throw new Error('The office hours are not in the register.');
    const before = calendarOfRecords(years, hours.seasons);
    const previous = years.get(year);
    const version = new CalendarYear({
      year,
      seq: (previous?.seq ?? 0) + 1,
      confirmed: input.confirmed === true,
      daysOff,
      workingSaturdays,
      reason,
      source,
      recordedAt: deps.now,
      recordedBy: actor.name,
    });
    const after = calendarOfRecords(new Map([...years, [year, version]]), hours.seasons);
    const today = localDate(deps.now);
    const past = pastDaysChanged(before, after, year, today);
    if (past.length > 0) {
      throw new BadUserInputError(`Days already past keep what they were (deadlines were counted on them): ${past.join(', ')}.`, {
        fields: { 'input.daysOff': 'changes days already past' },
        past,
      });
    }
    em.persist(version);
    const changed = daysChangedAhead(before, after, year, today);
    recordMessage(em, ProvinceOutboxEvent, actor, 'CALENDAR_CHANGED', null, { year, version: version.seq, changed, confirmed: version.confirmed, source }, deps.now);
    return calendarView(year, version);
  });
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SESSION = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** `setOfficeHours`: the province's office hours from now on; every season adds up to the same working day. */
export async function setOfficeHours(deps: ProvinceDeps, input: OfficeHoursInput): Promise<OfficeHours> {
  const actor = await requireRegistrar(deps);
  const problems = new Problems();
  const seasons: Record<string, OfficeSeasonRecord> = {};
  (input.seasons ?? []).forEach((season, index) => {
    const path = `input.seasons[${index}]`;
    const name = requiredText(problems, `${path}.name`, season.name, 50);
    if (seasons[name]) problems.add(`${path}.name`, 'is named twice');
    if (!MONTH_DAY.test(season.from ?? '')) problems.add(`${path}.from`, 'must be MM-DD');
    if (!MONTH_DAY.test(season.to ?? '')) problems.add(`${path}.to`, 'must be MM-DD');
    const sessions = (season.sessions ?? []).map((session) => {
      const match = SESSION.exec(session);
      if (!match || session.slice(0, 5) >= session.slice(6)) problems.add(`${path}.sessions`, `${session} is not HH:MM-HH:MM with the end after the start`);
      return [session.slice(0, 5), session.slice(6)] as [string, string];
    });
    if (sessions.length === 0) problems.add(`${path}.sessions`, 'a season has office sessions');
    if (sessions.some((session, i) => i > 0 && sessions[i - 1][1] > session[0])) problems.add(`${path}.sessions`, 'sessions are in order and do not overlap');
    seasons[name] = { from: season.from, to: season.to, sessions };
  });
  if (Object.keys(seasons).length === 0) problems.add('input.seasons', 'name at least one season');
  const source = requiredText(problems, 'input.source', input.source, 2000);
  const reason = optionalText(problems, 'input.reason', input.reason, 1000) ?? source;
  problems.throwIfAny();
  try {
    const calendar = new Calendar({ years: {}, officeHours: seasons });
    // Every day of a leap year falls in a season.
    for (let date = '2028-01-01'; date < '2029-01-01'; date = addDays(date, 1)) if (calendar.isWorkingDay(date)) calendar.sessions(date);
  } catch (error) {
    throw new BadUserInputError(`The office hours do not work as a calendar: ${(error as Error).message}`, { fields: { 'input.seasons': 'inconsistent' } });
  }
  return deps.em.transactional(async (em) => {
    const hours = new OfficeHours({ seasons, reason, source, recordedAt: deps.now, recordedBy: actor.name });
    em.persist(hours);
    recordMessage(em, ProvinceOutboxEvent, actor, 'CALENDAR_CHANGED', null, { officeHours: true, source }, deps.now);
    return hours;
  });
}

import { WorkingCalendar } from './calendar';
import type { GraphClient } from './graph-client';
import { REGISTER_COPY_MS } from './register-watch';
import type { CalendarDay, OfficeSeasonRecord } from './reference-data';

/**
 * The working calendar as the province's registers hold it, read through the federated graph and kept until
 * the province's feed shows a change (every replica watches it: register-watch.ts), so that the rules,
 * which use it synchronously, never wait on the graph (onestop's deadlines, the tax notices' last day to pay).
 */

interface CalendarAnswer {
  workingCalendars: Array<{ year: number; confirmed: boolean; daysOff: CalendarDay[]; workingSaturdays: CalendarDay[] }>;
  officeHours: { seasons: Array<{ name: string; from: string; to: string; sessions: string[] }> };
}

/** The working calendar the registers hold now: each year entered, the Labor Code's rules for the others. */
export function registersCalendar(graph: GraphClient): Promise<WorkingCalendar> {
  return graph.cached('calendar', REGISTER_COPY_MS, async () => {
    const { workingCalendars, officeHours } = await graph.query<CalendarAnswer>(`{
      workingCalendars { year confirmed daysOff { date name } workingSaturdays { date name } }
      officeHours { seasons { name from to sessions } }
    }`);
    const seasons = Object.fromEntries(
      officeHours.seasons.map((season): [string, OfficeSeasonRecord] => [season.name, { from: season.from, to: season.to, sessions: season.sessions.map((s) => s.split('-') as [string, string]) }]),
    );
    const years = Object.fromEntries(workingCalendars.map((year) => [String(year.year), year]));
    return new WorkingCalendar({ years, officeHours: seasons });
  });
}

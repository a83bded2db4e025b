import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import { CalendarYear } from './calendar-year.entity';
import { calendarView, currentOfficeHours, enteredYears, setOfficeHours, setWorkingCalendar } from './calendar.service';
import type { OfficeHours } from './office-hours.entity';
import { OfficeHoursInput, OfficeHoursView, WorkingCalendar, WorkingCalendarInput } from './working-calendar.types';

const viewOfHours = (hours: OfficeHours): OfficeHoursView => ({
  seasons: Object.entries(hours.seasons).map(([name, season]) => ({ name, from: season.from, to: season.to, sessions: season.sessions.map(([start, end]) => `${start}-${end}`) })),
  source: hours.source,
  recordedAt: hours.recordedAt,
  recordedBy: hours.recordedBy,
});

/** The working calendar register (lịch làm việc): public to read, changed by the registrar. */
@Resolver(() => WorkingCalendar)
export class WorkingCalendarResolver {
  @Query(() => WorkingCalendar, {
    nullable: true,
    description: 'A year’s working calendar as deadlines use it: the version entered, or the Labor Code’s fixed rules (unconfirmed) for a year not entered.',
  })
  async workingCalendar(@Arg('year', () => Int, { description: 'The calendar year, 2000 to 2100.' }) year: number, @Ctx() ctx: Context): Promise<WorkingCalendar | null> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BadUserInputError('year must be from 2000 to 2100.', { fields: { year: 'out of range' } });
    return calendarView(year, (await enteredYears(ctx.em)).get(year));
  }

  @Query(() => [WorkingCalendar], { description: 'Every year entered, as in force now.' })
  async workingCalendars(@Ctx() ctx: Context): Promise<WorkingCalendar[]> {
    return [...(await enteredYears(ctx.em))].map(([year, version]) => calendarView(year, version));
  }

  @Query(() => [WorkingCalendar], { description: 'Every version of a year’s calendar, oldest first: its history.' })
  async workingCalendarHistory(@Arg('year', () => Int, { description: 'The calendar year.' }) year: number, @Ctx() ctx: Context): Promise<WorkingCalendar[]> {
    const versions = await ctx.em.find(CalendarYear, { year }, { orderBy: { seq: 'asc' } });
    return versions.map((version) => calendarView(year, version));
  }

  @Query(() => OfficeHoursView, { description: 'Giờ làm việc: the province’s office hours now.' })
  async officeHours(@Ctx() ctx: Context): Promise<OfficeHoursView> {
    const hours = await currentOfficeHours(ctx.em);
    if (!hours) throw new Error('The office hours are not in the register.');
    return viewOfHours(hours);
  }

  @Mutation(() => WorkingCalendar, {
    description: 'Enters or corrects a year’s official days off and working Saturdays; days already past cannot change. For a SUPERVISOR of the registrar.',
  })
  setWorkingCalendar(@Arg('input', () => WorkingCalendarInput, { description: 'The year’s days, whether it is complete, and the notices.' }) input: WorkingCalendarInput, @Ctx() ctx: Context): Promise<WorkingCalendar> {
    return setWorkingCalendar(ctx, input);
  }

  @Mutation(() => OfficeHoursView, { description: 'The province’s office hours from now on. For a SUPERVISOR of the registrar.' })
  async setOfficeHours(@Arg('input', () => OfficeHoursInput, { description: 'The seasons and their sessions, and the decision.' }) input: OfficeHoursInput, @Ctx() ctx: Context): Promise<OfficeHoursView> {
    return viewOfHours(await setOfficeHours(ctx, input));
  }
}

import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { CalendarDay } from '../common/reference-data';
import { DateScalar } from '../common/scalars';

@ObjectType({ description: 'A day of the calendar and what it is.' })
export class CalendarDayEntry {
  @Field(() => DateScalar, { description: 'The local date.' })
  date: string;

  @Field(() => String, { description: 'Tên ngày: the holiday, or the day it is swapped with.' })
  name: string;

  constructor(day: CalendarDay) {
    this.date = day.date;
    this.name = day.name;
  }
}

/** Lịch làm việc: one year's official days off and working Saturdays, as the registers hold them. */
@ObjectType({ description: 'Lịch làm việc: a year’s official days off beyond weekends and the Saturdays worked instead.' })
export class WorkingCalendar {
  @Field(() => Int, { description: 'The calendar year.' })
  year!: number;

  @Field(() => Boolean, { description: 'The official schedule of the year is fully entered; a deadline touching an unconfirmed year is provisional.' })
  confirmed!: boolean;

  @Field(() => String, { description: 'Căn cứ: the notices the days come from (or the Labor Code’s fixed rules, for a year not entered).' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Why this version was entered.' })
  reason!: string | null;

  @Field(() => Int, { description: 'Which version of the year this is, from 1; 0 for a year not entered.' })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'When it was entered; null for a year not entered.' })
  recordedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who entered it.' })
  recordedBy!: string | null;

  @Field(() => [CalendarDayEntry], { description: 'Ngày nghỉ: weekdays off.' })
  daysOff!: CalendarDayEntry[];

  @Field(() => [CalendarDayEntry], { description: 'Ngày làm bù: Saturdays worked.' })
  workingSaturdays!: CalendarDayEntry[];

  constructor(init: Omit<WorkingCalendar, 'daysOff' | 'workingSaturdays'> & { daysOff: CalendarDay[]; workingSaturdays: CalendarDay[] }) {
    Object.assign(this, init, { daysOff: init.daysOff.map((day) => new CalendarDayEntry(day)), workingSaturdays: init.workingSaturdays.map((day) => new CalendarDayEntry(day)) });
  }
}

@InputType({ description: 'A day and its name.' })
export class CalendarDayInput {
  @Field(() => DateScalar, { description: 'The local date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => String, { description: 'The holiday, or the day it is swapped with.' })
  name!: string;
}

@InputType({ description: 'setWorkingCalendar: a year’s official schedule, as the notices fix it.' })
export class WorkingCalendarInput {
  @Field(() => Int, { description: 'The calendar year: from 2015 to two years ahead.' })
  year!: number;

  @Field(() => [CalendarDayInput], { description: 'Weekdays off (holidays, days swapped off).' })
  daysOff!: CalendarDayInput[];

  @Field(() => [CalendarDayInput], { description: 'Saturdays worked instead.' })
  workingSaturdays!: CalendarDayInput[];

  @Field(() => Boolean, { description: 'The year’s official schedule is now complete.' })
  confirmed!: boolean;

  @Field(() => String, { description: 'Căn cứ: the notices’ numbers and dates.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Lý do; the source when not given.' })
  reason?: string | null;
}

@ObjectType({ description: 'One season of the office hours.' })
export class OfficeSeason {
  @Field(() => String, { description: 'Its name, such as winter (mùa đông) or summer (mùa hè).' })
  name!: string;

  @Field(() => String, { description: 'First day, MM-DD.' })
  from!: string;

  @Field(() => String, { description: 'Last day, MM-DD (a season may wrap the new year).' })
  to!: string;

  @Field(() => [String], { description: 'Office sessions, HH:MM-HH:MM, in order.' })
  sessions!: string[];
}

@ObjectType({ description: 'Giờ làm việc: the province’s office hours by season.' })
export class OfficeHoursView {
  @Field(() => [OfficeSeason], { description: 'The seasons, each with its sessions.' })
  seasons!: OfficeSeason[];

  @Field(() => String, { description: 'Căn cứ.' })
  source!: string;

  @Field(() => Date, { description: 'When they were entered.' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Who entered them.' })
  recordedBy!: string;
}

@InputType({ description: 'One season of the office hours.' })
export class OfficeSeasonInput {
  @Field(() => String, { description: 'Its name, such as winter or summer.' })
  name!: string;

  @Field(() => String, { description: 'First day, MM-DD.' })
  from!: string;

  @Field(() => String, { description: 'Last day, MM-DD.' })
  to!: string;

  @Field(() => [String], { description: 'Sessions, HH:MM-HH:MM; every season adds up to the same working day.' })
  sessions!: string[];
}

@InputType({ description: 'setOfficeHours: the province’s office hours from now on.' })
export class OfficeHoursInput {
  @Field(() => [OfficeSeasonInput], { description: 'Seasons covering every day of the year.' })
  seasons!: OfficeSeasonInput[];

  @Field(() => String, { description: 'Căn cứ: the province’s decision on office hours.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Lý do; the source when not given.' })
  reason?: string | null;
}

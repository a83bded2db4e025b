import { Check, Entity, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import type { CalendarDay } from '../common/reference-data';
import { RecordedEntry } from './recorded-entry';

/**
 * One version of a year's working calendar (lịch nghỉ lễ, Tết, ngày làm bù): the official days off beyond
 * weekends and the Saturdays worked instead, as the Prime Minister's and the Ministry of Home Affairs'
 * notices fix them. A correction appends a version; the last one is in force.
 */
@Entity({ tableName: 'calendar_year' })
@Unique({ properties: ['year', 'seq'] })
@Check({ name: 'calendar_year_in_range', expression: 'year >= 2000 and year <= 2100 and seq > 0' })
export class CalendarYear extends RecordedEntry {
  [PrimaryKeyProp]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  seq!: number;

  /** The official schedule of the year is fully entered; deadlines touching an unconfirmed year are provisional. */
  @Property({ type: 'boolean' })
  confirmed!: boolean;

  @Property({ type: 'json' })
  daysOff!: CalendarDay[];

  @Property({ type: 'json' })
  workingSaturdays!: CalendarDay[];

  constructor(init: Omit<CalendarYear, typeof PrimaryKeyProp | 'id'>) {
    super();
    Object.assign(this, init);
  }
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Statement } from '../../common/statements';

/**
 * What each desk received and resolved each day, counted in the same transaction as the receipt or the
 * result: the dashboard sums a year of a province in a few hundred rows per desk instead of reading a
 * million dossiers.
 */
@Entity({ tableName: 'desk_daily_stats' })
export class DeskDailyStats {
  @PrimaryKey({ type: 'text' })
  deskCode!: string;

  /** Local date, YYYY-MM-DD. */
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  received = 0;

  @Property({ type: 'integer', default: 0 })
  resolvedEarly = 0;

  @Property({ type: 'integer', default: 0 })
  resolvedOnTime = 0;

  @Property({ type: 'integer', default: 0 })
  resolvedLate = 0;
}

export type StatColumn = 'received' | 'resolved_early' | 'resolved_on_time' | 'resolved_late';

/** The day's count at the desk, one more. */
export function statCount(deskCode: string, day: string, column: StatColumn): Statement {
  return [
    `insert into onestop.desk_daily_stats (desk_code, day, ${column}) values (?, ?, 1)
     on conflict (desk_code, day) do update set ${column} = onestop.desk_daily_stats.${column} + 1`,
    [deskCode, day],
  ];
}

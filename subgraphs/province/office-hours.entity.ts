import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { OfficeSeasonRecord } from '../common/reference-data';
import { RecordedEntry } from './recorded-entry';

/**
 * Giờ làm việc: the province's office hours by season (each province sets its own), a setting kept as a
 * register with its history; the last version is in force.
 */
@Entity({ tableName: 'office_hours' })
export class OfficeHours extends RecordedEntry {
  [PrimaryKeyProp]?: 'seq';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'json' })
  seasons!: Record<string, OfficeSeasonRecord>;

  constructor(init: Omit<OfficeHours, typeof PrimaryKeyProp | 'seq'>) {
    super();
    Object.assign(this, init);
  }
}

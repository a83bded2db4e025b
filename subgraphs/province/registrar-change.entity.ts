import { Check, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { RecordedEntry } from './recorded-entry';

/**
 * Who keeps the registers (cơ quan quản lý danh mục): the agency whose SUPERVISORs may change the
 * directory, the catalogue and the working calendar, from a date on. Held as data, so a reorganisation can
 * hand the registers to another agency (the merged province's department) without a release.
 */
@Entity({ tableName: 'registrar_change' })
@Check({ name: 'registrar_change_effective_in_window', expression: 'effective_at is null or (extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600)' })
export class RegistrarChange extends RecordedEntry {
  [PrimaryKeyProp]?: 'seq';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'text' })
  agencyCode!: string;

  /** Null: since before the directory began. */
  @Property({ type: 'timestamptz', nullable: true })
  effectiveAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  decision!: string | null;

  constructor(init: Omit<RegistrarChange, typeof PrimaryKeyProp | 'seq'>) {
    super();
    Object.assign(this, init);
  }
}

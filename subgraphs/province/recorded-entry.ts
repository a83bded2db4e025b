import { Property } from '@mikro-orm/core';

/** What every entry of a register keeps: why, on what decision, and who entered it when. */
export abstract class RecordedEntry {
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Every message onestop has taken from a producer's feed, applied or rejected, keyed by the producer and its
 * id: a redelivered message finds its row and changes nothing. (The table keeps its first name,
 * consumed_event; the feed's entries are called messages in the code, the dossier's history events.)
 */
@Entity({ tableName: 'consumed_event' })
export class ConsumedMessage {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @PrimaryKey({ type: 'bigint' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', nullable: true })
  dossierCode!: string | null;

  @Property({ type: 'timestamptz' })
  consumedAt!: Date;

  /** APPLIED, or REJECTED when the dossier could not take it (its reason kept). */
  @Property({ type: 'text' })
  outcome!: 'APPLIED' | 'REJECTED';

  @Property({ type: 'text', nullable: true })
  reason!: string | null;
}

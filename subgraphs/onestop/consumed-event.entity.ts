import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Every event onestop has taken from a producer's feed, applied or rejected, keyed by the producer and its
 * id: a redelivered event finds its row and changes nothing.
 */
@Entity({ tableName: 'consumed_event' })
export class ConsumedEvent {
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

/** How far onestop has read each producer's feed. */
@Entity({ tableName: 'feed_cursor' })
export class FeedCursor {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  position!: string;
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A message that takes effect later (a decision entered ahead of its date): kept until its instant, then
 * applied as if it had arrived then. Applied once; its row stays, with when it was applied.
 */
@Entity({ tableName: 'deferred_message' })
@Index({ properties: ['dueAt'] })
export class DeferredMessage {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @PrimaryKey({ type: 'bigint' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  /** The message as it came: payload, producing officer and agency. */
  @Property({ type: 'json' })
  message!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}

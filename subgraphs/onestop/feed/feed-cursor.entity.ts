import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** How far onestop has read each producer's feed. */
@Entity({ tableName: 'feed_cursor' })
export class FeedCursor {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  position!: string;
}

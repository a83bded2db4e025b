import { Entity } from '@mikro-orm/core';
import { FeedCursorBase } from '../../common/feed-reader';

/** How far onestop has read each producer's feed. */
@Entity({ tableName: 'feed_cursor' })
export class FeedCursor extends FeedCursorBase {}

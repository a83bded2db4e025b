import { Entity } from '@mikro-orm/core';
import { FeedCursorBase } from '../common/feed-reader';

/** How far local has read the province's feed. */
@Entity({ tableName: 'feed_cursor' })
export class LocalFeedCursor extends FeedCursorBase {}

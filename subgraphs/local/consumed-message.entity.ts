import { Entity } from '@mikro-orm/core';
import { ConsumedMessageBase } from '../common/feed-reader';

/** Every message local has taken from the province's feed. */
@Entity({ tableName: 'consumed_event' })
export class LocalConsumedMessage extends ConsumedMessageBase {}

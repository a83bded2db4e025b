import { Entity } from '@mikro-orm/core';
import { ConsumedMessageBase } from '../../common/feed-reader';

/**
 * Every message onestop has taken from a producer's feed. (The table keeps its first name, consumed_event; the
 * feed's entries are called messages in the code, the dossier's history events.)
 */
@Entity({ tableName: 'consumed_event' })
export class ConsumedMessage extends ConsumedMessageBase {}

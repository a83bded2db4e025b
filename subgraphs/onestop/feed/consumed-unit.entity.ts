import { Entity } from '@mikro-orm/core';
import { ConsumedUnitBase } from '../../common/feed-reader';

/** Each dossier's part of a message onestop has taken, done or refused on its own. */
@Entity({ tableName: 'consumed_unit' })
export class ConsumedUnit extends ConsumedUnitBase {}

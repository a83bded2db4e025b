import { Entity } from '@mikro-orm/core';
import { ConsumedUnitBase } from '../common/feed-reader';

/** Each part of a province message local has taken, done or refused on its own. */
@Entity({ tableName: 'consumed_unit' })
export class LocalConsumedUnit extends ConsumedUnitBase {}

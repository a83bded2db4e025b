import { Entity } from '@mikro-orm/core';
import { CounterBase } from '../common/counter';

/** The communes' numbering (birth register entries per commune and year). */
@Entity({ tableName: 'counter' })
export class LocalCounter extends CounterBase {}

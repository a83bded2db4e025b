import { Entity } from '@mikro-orm/core';
import { CounterBase } from '../common/counter';

/** The tax branches' numbering (tax notices per branch and year). */
@Entity({ tableName: 'counter' })
export class TaxCounter extends CounterBase {}

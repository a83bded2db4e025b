import { Check, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import type { DecisionParts } from './reorganization.parts';

/**
 * Quyết định sắp xếp: one dated decision over many agencies, units, competences and the registrar, applied
 * whole or not at all. Agency changes, competence moves and registrar changes point back to it.
 */
@ObjectType({ description: 'Quyết định sắp xếp: one dated decision that reorganised agencies and administrative units, applied whole.' })
@Entity({ tableName: 'reorganization' })
@Check({ name: 'reorganization_effective_in_window', expression: "extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600" })
export class Reorganization {
  [PrimaryKeyProp]?: 'id';

  @Field(() => ID, { description: 'The decision’s own identifier in the hub (given, or made from its date and number).' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => Date, { description: 'Hiệu lực: from when the decision takes effect.' })
  @Property({ type: 'timestamptz' })
  effectiveAt!: Date;

  @Field(() => String, { description: 'Lý do.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision’s number and date.' })
  @Property({ type: 'text' })
  source!: string;

  /** What it changed, as it was applied. */
  @Property({ type: 'json' })
  parts!: DecisionParts;

  @Field(() => Date, { description: 'When it was entered.' })
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Who entered it.' })
  @Property({ type: 'text' })
  recordedBy!: string;

  constructor(init: Omit<Reorganization, typeof PrimaryKeyProp>) {
    Object.assign(this, init);
  }
}

import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** A move of the procedure's competence from one agency to another (chuyển giao thẩm quyền). */
@ObjectType({ description: 'A move of a procedure’s competence from one agency to another.' })
@Embeddable()
export class CompetenceMove {
  @Field(() => String, { description: 'Code of the agency that lost the competence.' })
  @Property({ type: 'text' })
  from!: string;

  @Field(() => String, { description: 'Code of the agency that took it over.' })
  @Property({ type: 'text' })
  to!: string;

  @Field(() => Date, { description: 'From when the move takes effect (+07:00).' })
  @Property({ type: 'datetime' })
  effectiveAt!: Date;

  @Field(() => String, { description: 'The decision and its reason, as recorded.' })
  @Property({ type: 'text' })
  reason!: string;

  constructor(init: Pick<CompetenceMove, 'from' | 'to' | 'effectiveAt' | 'reason'>) {
    Object.assign(this, init);
  }
}

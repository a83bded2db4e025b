import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** A move of the procedure's competence from one agency to another (chuyển giao thẩm quyền). */
@ObjectType({ description: 'A move of a procedure’s competence from one agency to another.' })
@Embeddable()
export class CompetenceMove {
  @Field(() => String)
  @Property({ type: 'text' })
  from!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  to!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  effectiveAt!: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  reason!: string;

  constructor(init: Pick<CompetenceMove, 'from' | 'to' | 'effectiveAt' | 'reason'>) {
    Object.assign(this, init);
  }
}

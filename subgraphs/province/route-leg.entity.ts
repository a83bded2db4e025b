import { Embeddable, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** One leg of a liaison procedure's route: who works on the dossier, and for how many working days. */
@ObjectType({ description: 'One leg of a procedure’s route.' })
@Embeddable()
export class RouteLeg {
  @Field(() => Int, { description: 'The leg’s place on the route, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => String, {
    description: 'An agency code, or a selector: @DESK (the receiving desk’s agency), @LAND / @TAX (the branch serving the commune the version’s routeBasis names).',
  })
  @Property({ type: 'text' })
  agencySelector!: string;

  @Field(() => Int, { description: 'This leg’s share of the processing time, in working days.' })
  @Property({ type: 'integer' })
  workingDays!: number;

  @Field(() => String, { description: 'What the agency does on this leg.' })
  @Property({ type: 'text' })
  task!: string;

  constructor(init: Pick<RouteLeg, 'seq' | 'agencySelector' | 'workingDays' | 'task'>) {
    Object.assign(this, init);
  }
}

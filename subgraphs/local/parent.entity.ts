import { Embeddable, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Cha or mẹ.' })
@Embeddable()
export class Parent {
  @Field(() => String, { description: 'The parent’s full name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'The parent’s year of birth.' })
  @Property({ type: 'integer', nullable: true })
  birthYear!: number | null;

  @Field(() => String, { nullable: true, description: 'Dân tộc.' })
  @Property({ type: 'text', nullable: true })
  ethnicity!: string | null;

  constructor(init: Pick<Parent, 'name' | 'birthYear' | 'ethnicity'>) {
    Object.assign(this, init);
  }
}

import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Giới tính, as the birth register records it.', valuesConfig: { MALE: { description: 'Nam' }, FEMALE: { description: 'Nữ' } } });

@ObjectType({ description: 'Người được đăng ký khai sinh.' })
@Embeddable()
export class Child {
  @Field(() => String, { description: 'The child’s full name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => DateScalar, { description: 'The date of birth.' })
  @Property({ type: 'text' })
  birthDate!: string;

  @Field(() => Sex, { description: 'The child’s sex.' })
  @Enum({ items: () => Sex })
  sex!: Sex;

  @Field(() => String, { description: 'Nơi sinh.' })
  @Property({ type: 'text' })
  birthPlace!: string;

  constructor(init: Pick<Child, 'name' | 'birthDate' | 'sex' | 'birthPlace'>) {
    Object.assign(this, init);
  }
}

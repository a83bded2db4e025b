import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Sex } from './child.entity';

@InputType()
export class ChildInput {
  @Field(() => String)
  name!: string;

  @Field(() => DateScalar)
  birthDate!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => String)
  birthPlace!: string;
}

@InputType()
export class ParentInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;
}

@InputType()
export class RegisterBirthInput {
  @Field(() => ID)
  dossier!: string;

  @Field(() => ChildInput)
  child!: ChildInput;

  @Field(() => ParentInput)
  mother!: ParentInput;

  @Field(() => ParentInput, { nullable: true })
  father?: ParentInput | null;
}

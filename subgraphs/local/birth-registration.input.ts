import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Sex } from './child.entity';

@InputType({ description: 'The child whose birth is registered.' })
export class ChildInput {
  @Field(() => String, { description: 'The child’s full name.' })
  name!: string;

  @Field(() => DateScalar, { description: 'The date of birth.' })
  birthDate!: string;

  @Field(() => Sex, { description: 'The child’s sex.' })
  sex!: Sex;

  @Field(() => String, { description: 'Where the child was born.' })
  birthPlace!: string;
}

@InputType({ description: 'A parent, as the birth register records them.' })
export class ParentInput {
  @Field(() => String, { description: 'The parent’s full name.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'The parent’s year of birth.' })
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'The parent’s ethnicity (dân tộc).' })
  ethnicity?: string | null;
}

@InputType({ description: 'A birth registration (đăng ký khai sinh), for a dossier the commune holds.' })
export class RegisterBirthInput {
  @Field(() => ID, { description: 'Code of the birth registration dossier.' })
  dossier!: string;

  @Field(() => ChildInput, { description: 'The child.' })
  child!: ChildInput;

  @Field(() => ParentInput, { description: 'The mother.' })
  mother!: ParentInput;

  @Field(() => ParentInput, { nullable: true, description: 'The father, when declared.' })
  father?: ParentInput | null;
}

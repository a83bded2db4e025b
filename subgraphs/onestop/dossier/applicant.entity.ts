import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** Người nộp hồ sơ: the citizen or organisation the dossier belongs to. */
@ObjectType({ description: 'Người nộp hồ sơ: the citizen or organisation the dossier belongs to.' })
@Embeddable()
export class Applicant {
  @Field(() => String, { description: 'The applicant’s full name (họ và tên).' })
  @Property({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The applicant’s address.' })
  @Property({ type: 'text', nullable: true })
  address: string | null;

  @Field(() => String, { description: 'The phone number notices go to; with the code, it lets the applicant track the dossier.' })
  @Property({ type: 'text' })
  phone: string;

  @Field(() => String, { nullable: true, description: 'The e-mail address notices go to, when given.' })
  @Property({ type: 'text', nullable: true })
  email: string | null;

  constructor(init: Pick<Applicant, 'name' | 'address' | 'phone' | 'email'>) {
    this.name = init.name;
    this.phone = init.phone;
    this.address = init.address;
    this.email = init.email;
  }
}

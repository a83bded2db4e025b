import { Embedded, Entity, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Child } from './child.entity';
import { Parent } from './parent.entity';

/** Đăng ký khai sinh: one entry of the commune's birth register, made on a liaison dossier. */
@ObjectType({ description: 'Đăng ký khai sinh: an entry of a commune’s birth register.' })
@Entity({ tableName: 'birth_registration' })
@Unique({ properties: ['communeCode', 'year', 'registerNumber'] })
export class BirthRegistration {
  [PrimaryKeyProp]?: 'id';

  /** `<commune>-<year>-<number>`. */
  @Field(() => ID, { description: 'The registration’s id.' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text', unique: true })
  dossierCode!: string;

  @Property({ type: 'text' })
  communeCode!: string;

  @Field(() => Int, { description: 'The year of the register book.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'Số: continuous within the commune’s book of the year.' })
  @Property({ type: 'integer' })
  registerNumber!: number;

  @Field(() => String, { description: 'Quyển số: one book per commune and year.' })
  get book(): string {
    return `01/${this.year}`;
  }

  @Field(() => Child, { description: 'The child registered.' })
  @Embedded(() => Child, { prefix: 'child_' })
  child!: Child;

  @Field(() => Parent, { description: 'The mother.' })
  @Embedded(() => Parent, { prefix: 'mother_' })
  mother!: Parent;

  @Field(() => Parent, { nullable: true, description: 'The father, when declared.' })
  @Embedded(() => Parent, { prefix: 'father_', nullable: true })
  father!: Parent | null;

  @Field(() => Date, { description: 'When the birth was registered.' })
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @Field(() => String, { description: 'Công chức tư pháp - hộ tịch.' })
  @Property({ type: 'text' })
  registeredBy!: string;

  constructor(init: Omit<BirthRegistration, typeof PrimaryKeyProp | 'book'>) {
    Object.assign(this, init);
  }
}

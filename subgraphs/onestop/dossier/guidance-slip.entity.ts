import { ArrayType, Embedded, Entity, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Applicant } from './applicant.entity';

/**
 * Phiếu hướng dẫn hoàn thiện hồ sơ (seed form 01): what an incomplete dossier lacks, listed all at once.
 * Numbered per desk and year; issuing one creates no dossier.
 */
@ObjectType({ description: 'Phiếu hướng dẫn hoàn thiện hồ sơ: what an incomplete dossier lacks.' })
@Entity({ tableName: 'guidance_slip' })
@Unique({ properties: ['deskCode', 'year', 'serial'] })
export class GuidanceSlip {
  [PrimaryKeyProp]?: 'id';

  /** `<desk>-<year>-<serial>`: unique across the hub, used in links to the printed slip. */
  @Field(() => ID, { description: 'The slip’s id; its number is `number`.' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => String, { description: 'Số: “<n>/HDHS”, per desk and year.' })
  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'text' })
  deskCode!: string;

  @Field(() => String, { description: 'The desk’s agency name as it was that day.' })
  @Property({ type: 'text' })
  deskName!: string;

  @Field(() => Int, { description: 'The year of the slip’s numbering.' })
  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  serial!: number;

  @Property({ type: 'text' })
  procedureCode!: string;

  @Field(() => String, { description: 'Nội dung yêu cầu giải quyết: the procedure asked for.' })
  @Property({ type: 'text' })
  procedureName!: string;

  @Field(() => Applicant, { description: 'Who was given the slip.' })
  @Embedded(() => Applicant, { prefix: 'applicant_' })
  applicant!: Applicant;

  @Field(() => [String], { description: 'The documents the applicant brought.' })
  @Property({ type: ArrayType })
  submitted!: string[];

  @Field(() => [String], { description: 'Every required document that is missing.' })
  @Property({ type: ArrayType })
  missing!: string[];

  @Field(() => [String], { description: 'Further corrections the desk asks for.' })
  @Property({ type: ArrayType })
  requirements!: string[];

  @Field(() => Date, { description: 'When the slip was issued.' })
  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @Field(() => String, { description: 'Người hướng dẫn.' })
  @Property({ type: 'text' })
  issuedBy!: string;

  @Property({ type: 'text' })
  issuedBySub!: string;

  constructor(init: Omit<GuidanceSlip, typeof PrimaryKeyProp>) {
    Object.assign(this, init);
  }
}

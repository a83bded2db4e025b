import { PrimaryKeyProp, ArrayType, Embeddable, Embedded, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyTier } from './agency.entity';

/** One leg of a liaison procedure's route: who works on the dossier, and for how many working days. */
@ObjectType({ description: 'One leg of a procedure’s route.' })
@Embeddable()
export class RouteLeg {
  @Field(() => Int)
  @Property({ type: 'integer' })
  seq: number;

  @Field(() => String, {
    description: 'An agency code, or a selector: @DESK (the receiving desk’s agency), @LAND / @TAX (the branch serving its district).',
  })
  @Property({ type: 'text' })
  agencySelector: string;

  @Field(() => Int, { description: 'This leg’s share of the processing time, in working days.' })
  @Property({ type: 'integer' })
  workingDays: number;

  @Field(() => String)
  @Property({ type: 'text' })
  task: string;

  constructor(seq: number, agencySelector: string, workingDays: number, task: string) {
    this.seq = seq;
    this.agencySelector = agencySelector;
    this.workingDays = workingDays;
    this.task = task;
  }
}

/** A move of the procedure's competence from one agency to another (chuyển giao thẩm quyền). */
@ObjectType({ description: 'A move of a procedure’s competence from one agency to another.' })
@Embeddable()
export class CompetenceMove {
  @Field(() => String)
  @Property({ type: 'text' })
  from: string;

  @Field(() => String)
  @Property({ type: 'text' })
  to: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  effectiveAt: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  reason: string;

  constructor(from: string, to: string, effectiveAt: Date, reason: string) {
    this.from = from;
    this.to = to;
    this.effectiveAt = effectiveAt;
    this.reason = reason;
  }
}

/** Thủ tục hành chính (TTHC): an administrative procedure as the provincial chairman publishes it. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Thủ tục hành chính: an administrative procedure.' })
@Entity({ tableName: 'procedure' })
export class Procedure {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Lĩnh vực: the field the procedure belongs to.' })
  @Property({ type: 'text' })
  field!: string;

  @Field(() => Int, { description: 'Statutory processing time in working days.' })
  @Property({ type: 'integer' })
  processingDays!: number;

  @Field(() => [String], { description: 'Thành phần hồ sơ: the documents the dossier must contain.' })
  @Property({ type: ArrayType })
  documents!: string[];

  @Field(() => [AgencyTier], { description: 'Tiers of the agencies whose desks receive this procedure.' })
  @Property({ type: ArrayType })
  receivedAt!: AgencyTier[];

  @Field(() => Boolean, { description: 'The applicant owes a financial obligation (tax, fees) on the way.' })
  @Property({ type: 'boolean' })
  financialObligation!: boolean;

  @Field(() => String, { description: 'The legal basis of the time limits.' })
  @Property({ type: 'text' })
  basis!: string;

  @Field(() => [RouteLeg])
  @Embedded(() => RouteLeg, { array: true })
  route!: RouteLeg[];

  /** From each move's instant, the new agency receives and does the work the old one did. */
  @Field(() => [CompetenceMove], { description: 'Moves of its competence, oldest first.' })
  @Embedded(() => CompetenceMove, { array: true })
  competenceMoves: CompetenceMove[] = [];

  constructor(init: Omit<Procedure, typeof PrimaryKeyProp | 'competenceMoves'>) {
    Object.assign(this, init);
  }
}

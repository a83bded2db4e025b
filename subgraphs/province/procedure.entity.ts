import { ArrayType, Embedded, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyTier } from './agency.entity';
import { CompetenceMove } from './competence-move.entity';
import { RouteLeg } from './route-leg.entity';

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

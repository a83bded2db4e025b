import { ArrayType, Check, Embedded, Entity, Enum, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyTier } from './agency.entity';
import { Procedure } from './procedure.entity';
import { RouteLeg } from './route-leg.entity';

export enum RouteBasis {
  DESK = 'DESK',
  APPLICANT = 'APPLICANT',
  PARCEL = 'PARCEL',
}
registerEnumType(RouteBasis, {
  name: 'RouteBasis',
  description: 'Whose commune the route’s @LAND and @TAX legs go by.',
  valuesConfig: {
    DESK: { description: 'The receiving desk’s commune or district' },
    APPLICANT: { description: 'The applicant’s commune (nơi cư trú), as the desk records it; the desk’s when not given' },
    PARCEL: { description: 'The parcel’s commune (nơi có đất), as the desk records it; the desk’s when not given' },
  },
});

/**
 * One published version of a procedure (công bố thủ tục hành chính): from `effectiveFrom` on, dossiers
 * received are checked against its documents and planned on its route. Versions are appended in the order
 * they take effect and never changed.
 */
@ObjectType({ description: 'One published version of a procedure, in force from its date until the next.' })
@Entity({ tableName: 'procedure_version' })
@Unique({ properties: ['procedure', 'version'] })
@Check({ name: 'procedure_version_days_in_range', expression: 'processing_days >= 0 and processing_days <= 365' })
@Check({ name: 'procedure_version_positive', expression: 'version > 0' })
@Check({ name: 'procedure_version_effective_in_window', expression: "effective_from is null or (extract(epoch from effective_from) >= 1420045200 and extract(epoch from effective_from) < 4102419600)" })
export class ProcedureVersion {
  [PrimaryKeyProp]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Procedure, { deleteRule: 'restrict' })
  procedure!: Procedure;

  @Field(() => Int, { description: 'From 1, in the order the versions take effect.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'Hiệu lực: from when dossiers received follow it; null: since the catalogue began.' })
  @Property({ type: 'timestamptz', nullable: true })
  effectiveFrom!: Date | null;

  @Field(() => String, { description: 'Tên thủ tục.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Lĩnh vực: the field the procedure belongs to.' })
  @Property({ type: 'text' })
  field!: string;

  @Field(() => Int, { description: 'Statutory processing time in working days; the legs’ shares add up to it.' })
  @Property({ type: 'integer' })
  processingDays!: number;

  @Field(() => [String], { description: 'Thành phần hồ sơ; an item ending in “(nếu có)” is optional.' })
  @Property({ type: ArrayType })
  documents!: string[];

  @Field(() => [AgencyTier], { description: 'Tiers of the agencies whose desks receive it.' })
  @Property({ type: ArrayType })
  receivingTiers!: AgencyTier[];

  @Field(() => [String], { description: 'Agencies whose desks receive it, by code, besides the tiers’ (one department’s procedure).' })
  @Property({ type: ArrayType })
  receivingAgencies!: string[];

  @Field(() => Boolean, {
    description: 'Any desk of the province of a receiving tier may receive it, whatever the applicant’s address (Decree 118/2025/NĐ-CP: không phụ thuộc địa giới hành chính).',
  })
  @Property({ type: 'boolean' })
  anyDesk!: boolean;

  @Field(() => RouteBasis, { description: 'Whose commune the @LAND and @TAX legs go by.' })
  @Enum({ items: () => RouteBasis })
  routeBasis!: RouteBasis;

  @Field(() => [RouteLeg], { description: 'The legs in order, each with its agency and share of the working days.' })
  @Embedded(() => RouteLeg, { array: true })
  route!: RouteLeg[];

  @Field(() => Boolean, { description: 'The applicant owes a financial obligation (tax, fees) on the way.' })
  @Property({ type: 'boolean' })
  financialObligation!: boolean;

  @Field(() => String, { description: 'The legal basis of the time limits and documents.' })
  @Property({ type: 'text' })
  basis!: string;

  @Field(() => String, { description: 'Lý do: why this version.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision that publishes it, its number and date.' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => Date, { description: 'When it was published in the hub.' })
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Who published it.' })
  @Property({ type: 'text' })
  recordedBy!: string;

  constructor(init: Omit<ProcedureVersion, typeof PrimaryKeyProp | 'id'>) {
    Object.assign(this, init);
  }
}

import { Field, InputType, Int } from 'type-graphql';
import { AgencyTier } from './agency.entity';
import { RouteBasis } from './procedure-version.entity';

@InputType({ description: 'One leg of a route: who works on the dossier, and its share of the working days.' })
export class RouteLegInput {
  @Field(() => String, { description: 'An agency code, or @DESK, @LAND, @TAX.' })
  agency!: string;

  @Field(() => Int, { description: 'This leg’s share of the processing time, in working days.' })
  workingDays!: number;

  @Field(() => String, { description: 'What the agency does on this leg.' })
  task!: string;
}

@InputType({ description: 'publishProcedureVersion: a procedure, or its next version, from a date.' })
export class ProcedureVersionInput {
  @Field(() => Date, { description: 'Hiệu lực: dossiers received from then on follow this version.' })
  effectiveFrom!: Date;

  @Field(() => String, { description: 'Tên thủ tục.' })
  name!: string;

  @Field(() => String, { description: 'Lĩnh vực.' })
  field!: string;

  @Field(() => Int, { description: 'Statutory processing time in working days; the route’s legs add up to it.' })
  processingDays!: number;

  @Field(() => [String], { description: 'Thành phần hồ sơ; end an optional item with “(nếu có)”.' })
  documents!: string[];

  @Field(() => [AgencyTier], { description: 'Tiers whose desks receive it.' })
  receivingTiers!: AgencyTier[];

  @Field(() => [String], { nullable: true, description: 'Agencies whose desks receive it, by code, besides the tiers’.' })
  receivingAgencies?: string[] | null;

  @Field(() => Boolean, { description: 'Any desk of a receiving tier in the province may receive it (Decree 118/2025/NĐ-CP).' })
  anyDesk!: boolean;

  @Field(() => RouteBasis, { nullable: true, description: 'Whose commune the @LAND and @TAX legs go by; the desk’s when not given.' })
  routeBasis?: RouteBasis | null;

  @Field(() => [RouteLegInput], { description: 'The legs in order.' })
  route!: RouteLegInput[];

  @Field(() => Boolean, { nullable: true, description: 'The applicant owes a financial obligation on the way; no when not given.' })
  financialObligation?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The legal basis of its time limits and documents.' })
  basis?: string | null;

  @Field(() => String, { description: 'Lý do.' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the publishing decision’s number and date.' })
  source!: string;
}

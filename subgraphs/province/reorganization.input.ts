import { Field, ID, InputType } from 'type-graphql';
import { UnitLevel } from '../common/unit-level';
import { AgencyTier, Sector } from './agency.entity';

/** The fields an agency is described by, when it is set up. */
@InputType({ description: 'A new agency: what it is called, where it belongs and what it serves.' })
export class AgencyInput {
  @Field(() => ID, { description: 'A code that was never used: capital letters, digits, dots and dashes (BN.XA.YENTHE).' })
  code!: string;

  @Field(() => String, { description: 'Tên cơ quan, as printed on forms.' })
  name!: string;

  @Field(() => AgencyTier, { description: 'Its tier.' })
  tier!: AgencyTier;

  @Field(() => Sector, { nullable: true, description: 'For a branch of a vertically organised agency (CENTRAL_VERTICAL) only.' })
  sector?: Sector | null;

  @Field(() => ID, { nullable: true, description: 'The agency it belongs to.' })
  parent?: string | null;

  @Field(() => Boolean, { description: 'Has a reception desk (Bộ phận một cửa).' })
  hasDesk!: boolean;

  @Field(() => String, { nullable: true, description: 'Địa chỉ trụ sở, as printed on forms.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Số điện thoại, as printed on forms.' })
  phone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Địa bàn phục vụ: the administrative units a tax or land branch serves.' })
  serviceArea?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Cổng dịch vụ công: the agency runs a public service portal (the national one, run by Văn phòng Chính phủ, or the province’s); its SYSTEM may submit dossiers to any desk. False when left out.',
  })
  servicePortal?: boolean | null;
}

@InputType({ description: 'An agency set up within a reorganisation.' })
export class AgencyCreationInput extends AgencyInput {
  @Field(() => String, { nullable: true, description: 'The clause of the decision that sets it up, when not the decision as a whole.' })
  source?: string | null;
}

@InputType({ description: 'createAgency: a new agency, from a date, on a decision.' })
export class CreateAgencyInput extends AgencyInput {
  @Field(() => Date, { description: 'Hiệu lực: from when it operates.' })
  effectiveAt!: Date;

  @Field(() => String, { description: 'Lý do.' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision’s number and date.' })
  source!: string;
}

/** What changes of an agency; a field left out stays as it was. */
@InputType({ description: 'The fields of an agency that change; a field left out stays as it was.' })
export class AgencyChangesInput {
  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => AgencyTier, { nullable: true, description: 'Its new tier (a sector’s branch stays CENTRAL_VERTICAL).' })
  tier?: AgencyTier | null;

  @Field(() => ID, { nullable: true, description: 'The agency it now belongs to; give `clearParent` to leave it without one.' })
  parent?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'It no longer belongs to any agency.' })
  clearParent?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it has a reception desk.' })
  hasDesk?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Địa chỉ trụ sở.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Số điện thoại.' })
  phone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The whole new service area (địa bàn phục vụ) of a tax or land branch.' })
  serviceArea?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Cổng dịch vụ công: whether the agency runs a public service portal from then on (its SYSTEM submits dossiers to any desk).' })
  servicePortal?: boolean | null;
}

@InputType({ description: 'amendAgency: what changes of an agency, from a date, on a decision.' })
export class AmendAgencyInput extends AgencyChangesInput {
  @Field(() => Date, { description: 'Hiệu lực: from when the change holds.' })
  effectiveAt!: Date;

  @Field(() => String, { description: 'Lý do.' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision’s number and date.' })
  source!: string;
}

@InputType({ description: 'One agency’s change within a reorganisation.' })
export class AgencyAmendmentInput extends AgencyChangesInput {
  @Field(() => ID, { description: 'The agency that changes.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The clause of the decision, when not the decision as a whole.' })
  source?: string | null;
}

@InputType({ description: 'An agency that takes over part of a closed agency’s work.' })
export class SuccessorInput {
  @Field(() => ID, { description: 'The agency that takes the work over.' })
  agency!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'The administrative units whose work it takes over; none: whatever no other successor’s area holds.',
  })
  area?: string[] | null;
}

@InputType({ description: 'An agency that closes, and who takes its work over.' })
export class AgencyClosureInput {
  @Field(() => ID, { description: 'The agency that closes.' })
  code!: string;

  @Field(() => [SuccessorInput], { description: 'In order; the first takes whatever no successor’s area holds.' })
  successors!: SuccessorInput[];

  @Field(() => String, { nullable: true, description: 'Why a successor of another tier or sector takes the work over; required then.' })
  differenceReason?: string | null;

  @Field(() => String, { nullable: true, description: 'The clause of the decision, when not the decision as a whole.' })
  source?: string | null;
}

@InputType({ description: 'A new administrative unit.' })
export class UnitInput {
  @Field(() => ID, { description: 'A code never used before.' })
  code!: string;

  @Field(() => String, { description: 'As documents write it: “xã Yên Thế”, “phường Bắc Giang”.' })
  name!: string;

  @Field(() => UnitLevel, { description: 'District or commune level.' })
  level!: UnitLevel;

  @Field(() => ID, { nullable: true, description: 'Its district; none for a commune of a two-tier province.' })
  parent?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its People’s Committee (UBND); by default the agency with the unit’s code.' })
  committee?: string | null;
}

@InputType({ description: 'Sáp nhập: units that end, and the unit that takes over their area and population.' })
export class UnitMergerInput {
  @Field(() => [ID], { description: 'The units that end.' })
  units!: string[];

  @Field(() => ID, { description: 'The unit that takes over their area: one that exists, or one the decision sets up.' })
  into!: string;
}

@InputType({ description: 'Đổi tên: a unit’s new name.' })
export class UnitRenamingInput {
  @Field(() => ID, { description: 'The unit; its code keeps its meaning.' })
  code!: string;

  @Field(() => String, { description: 'Its new name, as documents write it.' })
  name!: string;
}

@InputType({ description: 'What a reorganisation does to administrative units.' })
export class UnitChangesInput {
  @Field(() => [UnitInput], { nullable: true, description: 'Units set up.' })
  create?: UnitInput[] | null;

  @Field(() => [UnitMergerInput], { nullable: true, description: 'Units merged into another (sáp nhập).' })
  merge?: UnitMergerInput[] | null;

  @Field(() => [UnitRenamingInput], { nullable: true, description: 'Units renamed.' })
  rename?: UnitRenamingInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'Chấm dứt: units that end without one successor (a district whose communes carry on).' })
  end?: string[] | null;
}

@InputType({ description: 'A procedure’s competence moves from one agency to another.' })
export class CompetenceMoveInput {
  @Field(() => ID, { description: 'The procedure whose competence moves.' })
  procedure!: string;

  @Field(() => ID, { description: 'The agency competent until then.' })
  from!: string;

  @Field(() => ID, { description: 'The agency competent from then on; it has a desk.' })
  to!: string;
}

@InputType({ description: 'reorganize: one dated decision, applied whole or not at all.' })
export class ReorganizationInput {
  @Field(() => ID, { nullable: true, description: 'An identifier of the decision in the hub, never used before; made up when not given.' })
  id?: string | null;

  @Field(() => Date, { description: 'Hiệu lực: from when every part takes effect.' })
  effectiveAt!: Date;

  @Field(() => String, { description: 'Lý do.' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision’s number and date.' })
  source!: string;

  @Field(() => [AgencyCreationInput], { nullable: true, description: 'Agencies set up.' })
  create?: AgencyCreationInput[] | null;

  @Field(() => [AgencyAmendmentInput], { nullable: true, description: 'Agencies renamed, moved or otherwise changed.' })
  amend?: AgencyAmendmentInput[] | null;

  @Field(() => [AgencyClosureInput], { nullable: true, description: 'Agencies closed, with who takes their work over.' })
  close?: AgencyClosureInput[] | null;

  @Field(() => UnitChangesInput, { nullable: true, description: 'Administrative units created, merged, renamed.' })
  units?: UnitChangesInput | null;

  @Field(() => [CompetenceMoveInput], { nullable: true, description: 'Procedures whose competence moves.' })
  competence?: CompetenceMoveInput[] | null;

  @Field(() => ID, { nullable: true, description: 'From this decision on, this agency’s SUPERVISORs keep the registers.' })
  registrar?: string | null;
}

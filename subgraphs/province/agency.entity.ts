import { Check, Entity, Enum, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AgencyTier {
  PROVINCE = 'PROVINCE',
  PROVINCE_DEPARTMENT = 'PROVINCE_DEPARTMENT',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  CENTRAL_VERTICAL = 'CENTRAL_VERTICAL',
}
registerEnumType(AgencyTier, {
  name: 'AgencyTier',
  description: 'The level of government an agency belongs to.',
  valuesConfig: {
    PROVINCE: { description: 'UBND tỉnh: the provincial People’s Committee' },
    PROVINCE_DEPARTMENT: { description: 'Sở: a provincial department' },
    DISTRICT: { description: 'UBND huyện, thành phố: a district-level People’s Committee' },
    COMMUNE: { description: 'UBND xã, phường, thị trấn: a commune-level People’s Committee' },
    CENTRAL_VERTICAL: { description: 'Cơ quan ngành dọc: a branch of a vertically organised central agency' },
  },
});

export enum Sector {
  TAX = 'TAX',
  LAND = 'LAND',
  POLICE = 'POLICE',
  SOCIAL_INSURANCE = 'SOCIAL_INSURANCE',
  TREASURY = 'TREASURY',
}
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The sector of a vertically organised agency.',
  valuesConfig: {
    TAX: { description: 'Thuế: the tax administration' },
    LAND: { description: 'Đất đai: the land registry' },
    POLICE: { description: 'Công an: the police' },
    SOCIAL_INSURANCE: { description: 'Bảo hiểm xã hội: social insurance' },
    TREASURY: { description: 'Kho bạc Nhà nước: the State Treasury' },
  },
});

/**
 * Cơ quan: an agency operating in the province, from the provincial People's Committee's shared directory.
 * The row holds what never changes (the code, the sector) and when the agency operated; what it is called,
 * where it sits and what it serves change by decision and are kept in its history (`AgencyChange`), each
 * from the date it takes effect. Nothing is ever deleted: an abolished agency is closed and points to its
 * successors.
 */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Cơ quan: an agency operating in the province.' })
@Entity({ tableName: 'agency' })
// The registers' last line: a closure names its successor, never the agency itself, and ends after it began.
@Check({ name: 'agency_closure_has_successor', expression: '(valid_to is null) = (successor_code is null)' })
@Check({ name: 'agency_not_own_successor', expression: 'successor_code <> code' })
@Check({ name: 'agency_closes_after_it_opens', expression: 'valid_to is null or valid_from is null or valid_to >= valid_from' })
export class Agency {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'The agency’s code in the directory, e.g. BG.STP; never reused.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => Sector, { nullable: true, description: 'The sector of a vertically organised agency; it never changes.' })
  @Enum({ items: () => Sector, nullable: true })
  sector: Sector | null = null;

  @Field(() => Date, { nullable: true, description: 'Since when the agency exists; null: before the directory began.' })
  @Property({ type: 'timestamptz', nullable: true })
  validFrom: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the agency was closed (or closes); null while it operates.' })
  @Property({ type: 'timestamptz', nullable: true })
  validTo: Date | null = null;

  /** The first of its successors: the one that takes what no other successor's area claims. */
  @ManyToOne(() => Agency, { nullable: true, deleteRule: 'restrict' })
  successor: Agency | null = null;

  constructor(init: Pick<Agency, 'code' | 'sector' | 'validFrom'>) {
    Object.assign(this, init);
  }
}

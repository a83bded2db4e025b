import { PrimaryKeyProp, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AdministrativeUnitRef } from '../common/stubs';

export enum AgencyTier {
  PROVINCE = 'PROVINCE',
  PROVINCE_DEPARTMENT = 'PROVINCE_DEPARTMENT',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  CENTRAL_VERTICAL = 'CENTRAL_VERTICAL',
}
registerEnumType(AgencyTier, {
  name: 'AgencyTier',
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
registerEnumType(Sector, { name: 'Sector', description: 'The sector of a vertically organised agency.' });

/**
 * Cơ quan: an agency operating in the province, from the provincial People's Committee's shared directory.
 * Nothing is ever deleted: an abolished agency gets `validTo` and points to its successor.
 */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Cơ quan: an agency operating in the province.' })
@Entity({ tableName: 'agency' })
export class Agency {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => AgencyTier)
  @Enum({ items: () => AgencyTier })
  tier!: AgencyTier;

  @Field(() => Sector, { nullable: true })
  @Enum({ items: () => Sector, nullable: true })
  sector: Sector | null = null;

  @ManyToOne(() => Agency, { nullable: true, deleteRule: 'restrict' })
  parent: Agency | null = null;

  @Field(() => Boolean, { description: 'Has a reception desk (Bộ phận tiếp nhận và trả kết quả).' })
  @Property({ type: 'boolean' })
  hasDesk!: boolean;

  @Field(() => Date, { nullable: true, description: 'Since when the agency exists; null: before the directory began.' })
  @Property({ type: 'timestamptz', nullable: true })
  validFrom: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the agency was closed; null while it operates.' })
  @Property({ type: 'timestamptz', nullable: true })
  validTo: Date | null = null;

  @ManyToOne(() => Agency, { nullable: true, deleteRule: 'restrict' })
  successor: Agency | null = null;

  /** The districts and communes a land registry branch serves (owned by the land subgraph). */
  @Directive('@external')
  @Field(() => [AdministrativeUnitRef])
  landServiceArea?: AdministrativeUnitRef[];

  /** The districts and communes a tax branch serves (owned by the tax subgraph). */
  @Directive('@external')
  @Field(() => [AdministrativeUnitRef])
  taxServiceArea?: AdministrativeUnitRef[];

  constructor(init: Pick<Agency, 'code' | 'name' | 'tier' | 'hasDesk'>) {
    Object.assign(this, init);
  }
}

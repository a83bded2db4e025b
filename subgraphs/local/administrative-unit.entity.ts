import { PrimaryKeyProp, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { UnitLevel } from '../common/unit-level';

export { UnitLevel };

/**
 * Đơn vị hành chính: a district or commune. Effective-dated, because units merge and districts were
 * abolished on 1/7/2025; a unit that ends points to its successor and is never deleted. Until the official
 * codes are loaded, a unit's code is its People's Committee's agency code.
 */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Đơn vị hành chính: a district or commune.' })
@Entity({ tableName: 'administrative_unit' })
export class AdministrativeUnit {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'The unit’s code, e.g. BG.YENTHE.CAUGO.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  /** As it was named when it was set up; renames are kept as `UnitName`s. */
  @Property({ type: 'text' })
  name!: string;

  @Field(() => UnitLevel, { description: 'Province, district or commune level.' })
  @Enum({ items: () => UnitLevel })
  level!: UnitLevel;

  @ManyToOne(() => AdministrativeUnit, { nullable: true, deleteRule: 'restrict' })
  parent: AdministrativeUnit | null = null;

  /** Code of the People's Committee (UBND) that governs the unit. */
  @Property({ type: 'text' })
  committeeCode!: string;

  @Field(() => Date, { nullable: true, description: 'From when the unit exists; null for one older than the register.' })
  @Property({ type: 'timestamptz', nullable: true })
  validFrom: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the unit ceased to exist; null while it exists.' })
  @Property({ type: 'timestamptz', nullable: true })
  validTo: Date | null = null;

  /** The unit it merged into when it ended. */
  @ManyToOne(() => AdministrativeUnit, { nullable: true, deleteRule: 'restrict' })
  successor: AdministrativeUnit | null = null;

  constructor(init: Pick<AdministrativeUnit, 'code' | 'name' | 'level' | 'committeeCode'>) {
    Object.assign(this, init);
  }
}

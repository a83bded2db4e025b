import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { AdministrativeUnit } from './administrative-unit.entity';

/** Đổi tên: a unit's name from a date on; its code keeps its meaning. */
@Entity({ tableName: 'unit_name' })
@Index({ properties: ['unit', 'effectiveAt'] })
export class UnitName {
  [PrimaryKeyProp]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => AdministrativeUnit, { deleteRule: 'restrict' })
  unit!: AdministrativeUnit;

  @Property({ type: 'timestamptz' })
  effectiveAt!: Date;

  @Property({ type: 'text' })
  name!: string;

  /** The reorganisation that renamed it. */
  @Property({ type: 'text' })
  decision!: string;

  constructor(init: Omit<UnitName, typeof PrimaryKeyProp | 'id'>) {
    Object.assign(this, init);
  }
}

import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { LegState } from '../rulebook/state';
import { Timeliness } from './dossier.enums';
import type { Dossier } from './dossier.entity';

/** One leg of the dossier's route, planned at receipt: who works on it and by when. */
@ObjectType({ description: 'One leg of the dossier’s route.' })
@Entity({ tableName: 'dossier_leg' })
@Unique({ properties: ['dossier', 'seq'] })
@Index({ properties: ['agencyCode', 'result'] })
export class DossierLeg implements LegState {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne('Dossier', { deleteRule: 'restrict' })
  dossier!: Rel<Dossier>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'text' })
  agencyCode!: string;

  @Field(() => String, { description: 'The agency as it was named when the leg was planned.' })
  @Property({ type: 'text' })
  agencyName!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  task!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  workingDays!: number;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the leg’s agency handed the dossier on.' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => Timeliness, { nullable: true })
  @Enum({ items: () => Timeliness, nullable: true })
  result: Timeliness | null = null;

  constructor(init: Pick<DossierLeg, 'dossier' | 'seq' | 'agencyCode' | 'agencyName' | 'task' | 'workingDays' | 'dueAt'>) {
    Object.assign(this, init);
  }
}

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

  @Field(() => Int, { description: 'The leg’s place on the route, from 1 (the receiving desk).' })
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'text' })
  agencyCode!: string;

  @Field(() => String, { description: 'The agency as it was named when the leg was planned.' })
  @Property({ type: 'text' })
  agencyName!: string;

  @Field(() => String, { description: 'What the agency does on this leg, as the procedure’s route says.' })
  @Property({ type: 'text' })
  task!: string;

  @Field(() => Int, { description: 'The leg’s share of the processing time, in working days.' })
  @Property({ type: 'integer' })
  workingDays!: number;

  @Field(() => Date, { nullable: true, description: 'When the leg is due: cumulative from receipt, so the last leg’s is the dossier’s due date.' })
  @Property({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the leg’s agency handed the dossier on.' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => Timeliness, { nullable: true, description: 'EARLY, ON_TIME or LATE once the next agency accepted the dossier; null before.' })
  @Enum({ items: () => Timeliness, nullable: true })
  result: Timeliness | null = null;

  constructor(init: Pick<DossierLeg, 'dossier' | 'seq' | 'agencyCode' | 'agencyName' | 'task' | 'workingDays' | 'dueAt'>) {
    Object.assign(this, init);
  }
}

import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Action } from '../rulebook/workflow';
import { Dossier } from './dossier.entity';
import { DossierStatus } from './dossier.enums';
import { eventHash } from './history-chain';

/**
 * Lịch sử hồ sơ: one immutable event per change of a dossier (the rulebook's event, with who and when),
 * appended in the same transaction as the change. Events chain by SHA-256 over the previous event's hash, so an edited or deleted event shows;
 * the database also refuses UPDATE and DELETE on the table (see the migration).
 */
@ObjectType({ description: 'One change of a dossier: who, in which role and agency, when, what, from → to.' })
@Entity({ tableName: 'dossier_event' })
@Unique({ properties: ['dossier', 'seq'] })
@Index({ properties: ['agencyCode', 'at'] })
export class DossierEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Dossier, { deleteRule: 'restrict' })
  dossier!: Rel<Dossier>;

  @Field(() => Int, { description: 'The event’s place in the dossier’s history, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => Date, { description: 'When it happened (+07:00).' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { description: 'The officer or system id.' })
  @Property({ type: 'text' })
  actorId!: string;

  @Field(() => String, { description: 'The officer’s or system’s name, from the token.' })
  @Property({ type: 'text' })
  actorName!: string;

  @Field(() => [String], { description: 'The roles the actor held.' })
  @Property({ type: ArrayType })
  roles!: string[];

  @Property({ type: 'text' })
  agencyCode!: string;

  @Field(() => String, { description: 'The actor’s agency as it was named then.' })
  @Property({ type: 'text' })
  agencyName!: string;

  @Field(() => String, { description: 'What was done: RECEIVE, HAND_OVER, ACCEPT, REQUEST_SUPPLEMENT, …' })
  @Property({ type: 'text' })
  action!: Action;

  @Field(() => DossierStatus, { nullable: true, description: 'The status before; null for the receipt.' })
  @Property({ type: 'text', nullable: true })
  fromStatus!: DossierStatus | null;

  @Field(() => DossierStatus, { description: 'The status after.' })
  @Property({ type: 'text' })
  toStatus!: DossierStatus;

  /** What the change carried (the addressee, the note, the new appointment…), as canonical JSON. */
  @Field(() => String, { description: 'What the change carried, as JSON.' })
  @Property({ type: 'text' })
  details!: string;

  @Field(() => String, { description: 'The previous event’s hash (SHA-256, hex); 64 zeros for the first.' })
  @Property({ type: 'text' })
  previousHash!: string;

  @Field(() => String, { description: 'This event’s hash over its content and the previous hash.' })
  @Property({ type: 'text' })
  hash!: string;

  constructor(init: Omit<DossierEvent, 'id' | 'hash'>) {
    Object.assign(this, init);
    this.hash = eventHash(this);
  }
}

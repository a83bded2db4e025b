import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Action } from '../rulebook/workflow';
import { Dossier } from './dossier.entity';
import { DossierStatus } from './dossier.enums';
import { eventHash, signatureOf } from './history-chain';

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

  @Field(() => Int)
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { description: 'The officer or system id.' })
  @Property({ type: 'text' })
  actorId!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  actorName!: string;

  @Field(() => [String])
  @Property({ type: ArrayType })
  roles!: string[];

  @Property({ type: 'text' })
  agencyCode!: string;

  @Field(() => String, { description: 'The actor’s agency as it was named then.' })
  @Property({ type: 'text' })
  agencyName!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  action!: Action;

  @Field(() => DossierStatus, { nullable: true })
  @Property({ type: 'text', nullable: true })
  fromStatus!: DossierStatus | null;

  @Field(() => DossierStatus)
  @Property({ type: 'text' })
  toStatus!: DossierStatus;

  /** What the change carried (the addressee, the note, the new appointment…), as canonical JSON. */
  @Field(() => String, { description: 'What the change carried, as JSON.' })
  @Property({ type: 'text' })
  details!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  previousHash!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  hash!: string;

  /** HMAC-SHA256 of the hash under HUB_AUDIT_KEY, which the database never holds (`history-chain.ts`). */
  @Property({ type: 'text', nullable: true })
  signature: string | null;

  constructor(init: Omit<DossierEvent, 'id' | 'hash' | 'signature'>) {
    Object.assign(this, init);
    this.hash = eventHash(this);
    this.signature = signatureOf(this.hash);
  }
}

import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { Dossier, DossierStatus } from './dossier.entity';
import type { Action } from './dossier.workflow';

/**
 * Lịch sử hồ sơ: one immutable event per change of a dossier, appended in the same transaction as the
 * change. Events chain by SHA-256 over the previous event's hash, so an edited or deleted event shows;
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

  constructor(init: Omit<DossierEvent, 'id' | 'hash'>) {
    Object.assign(this, init);
    this.hash = eventHash(this);
  }
}

/** JSON with keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 over the previous hash and everything the event records. */
export function eventHash(event: Omit<DossierEvent, 'id' | 'hash'>): string {
  const content = canonicalJson([
    event.previousHash,
    event.dossier.code,
    event.seq,
    event.at,
    event.actorId,
    event.actorName,
    event.roles,
    event.agencyCode,
    event.agencyName,
    event.action,
    event.fromStatus,
    event.toStatus,
    event.details,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Whether the events, in order, chain from nothing to the dossier's recorded head with no gap or edit. */
export function chainIntact(events: readonly DossierEvent[], head: string, length: number): boolean {
  let previous = '';
  for (const [index, event] of events.entries()) {
    if (event.seq !== index + 1 || event.previousHash !== previous || eventHash(event) !== event.hash) return false;
    previous = event.hash;
  }
  return events.length === length && previous === head;
}

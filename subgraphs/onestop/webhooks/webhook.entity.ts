import { randomBytes, randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Where an agency's system wants the events of its dossiers pushed (a webhook, Standard Webhooks): one URL,
 * the CloudEvents types it takes, and the secret its deliveries are signed with. The secret is kept so the
 * hub can sign; the caller sees it once, in the registration's answer.
 */
@ObjectType({ description: 'An agency system’s endpoint that receives dossier events as signed CloudEvents (a webhook).' })
@Entity({ tableName: 'webhook' })
@Index({ properties: ['agencyCode', 'createdAt'] })
export class Webhook {
  @Field(() => ID, { description: 'The webhook’s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The agency whose dossiers' events it receives; the `agency` field resolves it. */
  @Property({ type: 'text' })
  agencyCode: string;

  @Field(() => String, { description: 'The http(s) URL deliveries are POSTed to; its host is among those the province allows (HUB_WEBHOOK_ALLOW).' })
  @Property({ type: 'text' })
  url: string;

  @Field(() => [String], { description: 'The CloudEvents types it receives, e.g. vn.motcua.dossier.handed-over.' })
  @Property({ type: 'text[]' })
  events: string[];

  /** Standard Webhooks' `whsec_<base64 key>`; never a field. */
  @Property({ type: 'text', lazy: true })
  secret: string = `whsec_${randomBytes(32).toString('base64')}`;

  @Field(() => String, { description: 'The id (`sub`) of the system that registered it.' })
  @Property({ type: 'text' })
  createdBy: string;

  @Field(() => Date, { description: 'When it was registered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Boolean, { description: 'Whether new events are queued for it.' })
  @Property({ type: 'boolean', default: true })
  active = true;

  constructor(init: { agencyCode: string; url: string; events: string[]; createdBy: string; createdAt: Date }) {
    this.agencyCode = init.agencyCode;
    this.url = init.url;
    this.events = init.events;
    this.createdBy = init.createdBy;
    this.createdAt = init.createdAt;
  }
}

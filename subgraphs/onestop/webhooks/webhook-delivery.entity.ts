import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Webhook } from './webhook.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'How far one delivery has got.',
  valuesConfig: {
    PENDING: { description: 'Not yet tried, or tried and to be tried again at nextAttemptAt.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up after the configured number of attempts; lastError says why.' },
  },
});

/**
 * One CloudEvent on its way to one webhook: the webhooks' outbox. Written in the same transaction as the
 * dossier change it tells of; the dispatcher sends it afterwards, retries it with the same `webhook-id`, and
 * records each attempt's outcome here, never touching the dossier.
 */
@ObjectType({ description: 'One event sent, or to be sent, to a webhook, and how its attempts went.' })
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['webhook', 'dossierCode', 'id'] })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery’s number in the outbox.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Webhook, { deleteRule: 'restrict' })
  webhook!: Rel<Webhook>;

  @Field(() => String, { description: 'The `webhook-id` header: the same on every attempt, so a receiver can drop a repeat.' })
  @Property({ type: 'text', unique: true })
  messageId!: string;

  @Field(() => String, { description: 'The CloudEvents type, e.g. vn.motcua.dossier.accepted.' })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => String, { description: 'The dossier’s code (the CloudEvent’s subject).' })
  @Property({ type: 'text' })
  dossierCode!: string;

  @Field(() => String, { description: 'The body as sent: the CloudEvent as JSON.' })
  @Property({ type: 'text' })
  payload!: string;

  @Field(() => Date, { description: 'When the change it tells of was made.' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending, delivered or given up.' })
  @Enum({ items: () => WebhookDeliveryStatus, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Field(() => Int, { description: 'How many times it was sent.' })
  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  /** Database time: the dispatcher compares it with now() on the server. */
  @Field(() => Date, { nullable: true, description: 'When it is tried next, while pending.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt?: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last sent.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver last answered; null when it could not be reached.' })
  @Property({ type: 'integer', nullable: true })
  lastStatus: number | null = null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it.' })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;
}

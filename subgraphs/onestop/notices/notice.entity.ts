import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Dossier } from '../dossier/dossier.entity';

/** The moments Decree 61/2018 has the applicant told about. */
export enum NoticeKind {
  RECEIVED = 'RECEIVED',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  APOLOGY = 'APOLOGY',
  RESULT_READY = 'RESULT_READY',
  REFUSED = 'REFUSED',
  STOPPED = 'STOPPED',
}
registerEnumType(NoticeKind, {
  name: 'NoticeKind',
  description: 'Why the applicant was told: received, asked to supplement, apologised to, result ready for collection, refused, stopped.',
  valuesConfig: {
    RECEIVED: { description: 'The dossier was received, with its code and appointment' },
    SUPPLEMENT_REQUESTED: { description: 'The applicant is asked to supplement the dossier' },
    APOLOGY: { description: 'The result will be late: the apology and the new appointment' },
    RESULT_READY: { description: 'The result is ready for collection' },
    REFUSED: { description: 'The desk refused the dossier, with its reasons' },
    STOPPED: { description: 'The processing was stopped, with its reason' },
  },
});

export enum NoticeChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}
registerEnumType(NoticeChannel, {
  name: 'NoticeChannel',
  description: 'How a notice reaches the applicant.',
  valuesConfig: { EMAIL: { description: 'By e-mail (SMTP)' }, SMS: { description: 'By SMS, through the province’s SMS gateway' } },
});

export enum NoticeStatus {
  /** Waiting for its channel: not yet tried, or tried and to be tried again at `nextAttemptAt`. */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Development without a configured channel: written to the log instead. */
  LOGGED = 'LOGGED',
  /** Given up after the configured number of attempts; `lastError` says why. */
  FAILED = 'FAILED',
}
registerEnumType(NoticeStatus, {
  name: 'NoticeStatus',
  description: 'Whether a notice reached its channel.',
  valuesConfig: {
    PENDING: { description: 'Waiting: not yet tried, or to be tried again' },
    SENT: { description: 'Handed to the channel' },
    LOGGED: { description: 'Development without a configured channel: written to the log' },
    FAILED: { description: 'Given up after the configured attempts; lastError says why' },
  },
});

/**
 * Thông báo cho công dân: one message to the applicant on one channel. Written in the same transaction as
 * the change it tells of, so a notice exists exactly when the change does; sent afterwards by the
 * dispatcher, which retries and never touches the dossier.
 */
@ObjectType({ description: 'A message to the applicant by e-mail or SMS, and whether it reached the channel.' })
@Entity({ tableName: 'notice' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['dossier', 'id'] })
export class Notice {
  @Field(() => ID, { description: 'The notice’s id.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Dossier, { deleteRule: 'restrict' })
  dossier!: Rel<Dossier>;

  @Field(() => NoticeKind, { description: 'What the notice tells the applicant.' })
  @Enum({ items: () => NoticeKind })
  kind!: NoticeKind;

  @Field(() => NoticeChannel, { description: 'By e-mail or SMS.' })
  @Enum({ items: () => NoticeChannel })
  channel!: NoticeChannel;

  @Field(() => String, { description: 'The e-mail address or phone number it goes to.' })
  @Property({ type: 'text' })
  recipient!: string;

  @Field(() => String, { nullable: true, description: 'E-mail only.' })
  @Property({ type: 'text', nullable: true })
  subject!: string | null;

  @Field(() => String, { description: 'The text sent (only the dossier’s readers see it).' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date, { description: 'When the change it tells of was made.' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => NoticeStatus, { description: 'Whether it was sent, is waiting, or failed.' })
  @Enum({ items: () => NoticeStatus, default: NoticeStatus.PENDING })
  status: NoticeStatus = NoticeStatus.PENDING;

  @Field(() => Int, { description: 'How many times sending was tried.' })
  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  /** Database time: the dispatcher compares it with now() on the server. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was sent.' })
  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}

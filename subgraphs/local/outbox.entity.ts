import { Entity } from '@mikro-orm/core';
import { OutboxMessageBase } from '../common/outbox';

/** Events of the communes' work (BIRTH_REGISTERED), served as the local feed. */
@Entity({ tableName: 'outbox' })
export class LocalOutboxEvent extends OutboxMessageBase {}

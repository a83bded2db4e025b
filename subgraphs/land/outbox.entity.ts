import { Entity } from '@mikro-orm/core';
import { OutboxMessageBase } from '../common/outbox';

/** Events of the land branches' work (LAND_TRANSFER_RECORDED), served as the land feed. */
@Entity({ tableName: 'outbox' })
export class LandOutboxEvent extends OutboxMessageBase {}

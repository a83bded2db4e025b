import { Entity } from '@mikro-orm/core';
import { OutboxMessageBase } from '../common/outbox';

/** Events of the tax branches' work (TAX_NOTICE_ISSUED, TAX_NOTICE_PAID), served as the tax feed. */
@Entity({ tableName: 'outbox' })
export class TaxOutboxEvent extends OutboxMessageBase {}

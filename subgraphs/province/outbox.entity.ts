import { Entity } from '@mikro-orm/core';
import { OutboxMessageBase } from '../common/outbox';

/** Events of the directory's changes (AGENCY_CLOSED, COMPETENCE_MOVED), served as the province feed. */
@Entity({ tableName: 'outbox' })
export class ProvinceOutboxEvent extends OutboxMessageBase {}

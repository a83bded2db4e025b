import type { SubgraphDatabase } from '../common/orm';
import { migrations } from './migrations';
import { TaxOutboxEvent } from './outbox.entity';
import { TaxCounter } from './tax-counter.entity';
import { TaxNotice } from './tax-notice.entity';
import { TaxNoticeItem } from './tax-notice-item.entity';
import { TaxPayment } from './tax-payment.entity';

export const database: SubgraphDatabase = {
  schema: 'tax',
  entities: [TaxNotice, TaxNoticeItem, TaxPayment, TaxOutboxEvent, TaxCounter],
  migrations,
};

import type { SubgraphDatabase } from '../common/orm';
import { migrations } from './migrations';
import { TaxCounter, TaxOutboxEvent } from './outbox.entity';
import { TaxServiceArea } from './service-area.entity';
import { TaxNotice, TaxNoticeItem, TaxPayment } from './tax-notice.entity';

export const database: SubgraphDatabase = {
  schema: 'tax',
  entities: [TaxServiceArea, TaxNotice, TaxNoticeItem, TaxPayment, TaxOutboxEvent, TaxCounter],
  migrations,
};

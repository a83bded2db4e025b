import type { SubgraphDatabase } from '../common/orm';
import { migrations } from './migrations';
import { TaxServiceArea } from './service-area.entity';

export const database: SubgraphDatabase = {
  schema: 'tax',
  entities: [TaxServiceArea],
  migrations,
};

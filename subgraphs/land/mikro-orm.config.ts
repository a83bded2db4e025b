import type { SubgraphDatabase } from '../common/orm';
import { migrations } from './migrations';
import { LandServiceArea } from './service-area.entity';

export const database: SubgraphDatabase = {
  schema: 'land',
  entities: [LandServiceArea],
  migrations,
};

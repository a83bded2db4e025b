import type { SubgraphDatabase } from '../common/orm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { migrations } from './migrations';

export const database: SubgraphDatabase = {
  schema: 'local',
  entities: [AdministrativeUnit],
  migrations,
};

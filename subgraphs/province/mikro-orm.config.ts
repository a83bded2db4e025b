import type { SubgraphDatabase } from '../common/orm';
import { Agency } from './agency.entity';
import { Procedure, RouteLeg } from './procedure.entity';
import { migrations } from './migrations';

export const database: SubgraphDatabase = {
  schema: 'province',
  entities: [Agency, Procedure, RouteLeg],
  migrations,
};

import type { SubgraphDatabase } from '../common/orm';
import { Agency } from './agency.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { CompetenceMove, Procedure, RouteLeg } from './procedure.entity';
import { migrations } from './migrations';

export const database: SubgraphDatabase = {
  schema: 'province',
  entities: [Agency, Procedure, RouteLeg, CompetenceMove, ProvinceOutboxEvent],
  migrations,
};

import type { SubgraphDatabase } from '../common/orm';
import { Agency } from './agency.entity';
import { CompetenceMove } from './competence-move.entity';
import { migrations } from './migrations';
import { ProvinceOutboxEvent } from './outbox.entity';
import { Procedure } from './procedure.entity';
import { RouteLeg } from './route-leg.entity';

export const database: SubgraphDatabase = {
  schema: 'province',
  entities: [Agency, Procedure, RouteLeg, CompetenceMove, ProvinceOutboxEvent],
  migrations,
};

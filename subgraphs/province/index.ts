import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { AgencyResolver } from './agency.resolver';
import { agencyReferences } from './agency.reference';
import { seedDirectory } from './directory.seed';
import { database } from './mikro-orm.config';
import { ProvinceOutboxEvent } from './outbox.entity';
import { procedureReferences } from './procedure.reference';
import { ProcedureResolver } from './procedure.resolver';
import { RouteLegResolver } from './route-leg.resolver';

/** province: the agency directory and the procedure catalogue (danh mục TTHC). */
export const province: SubgraphDefinition = {
  name: 'province',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AgencyResolver, ProcedureResolver, RouteLegResolver],
      references: { ...agencyReferences, ...procedureReferences },
    }),
  seed: seedDirectory,
  outbox: ProvinceOutboxEvent,
};

if (require.main === module) runStandalone(province);

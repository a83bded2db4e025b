import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { AgencyChangeResolver, AgencyResolver, AgencySuccessorResolver } from './agency.resolver';
import { agencyReferences } from './agency.reference';
import { WorkingCalendarResolver } from './calendar.resolver';
import { seedDirectory } from './directory.seed';
import { database } from './mikro-orm.config';
import { ProvinceOutboxEvent } from './outbox.entity';
import { procedureReferences } from './procedure.reference';
import { ProcedureResolver } from './procedure.resolver';
import { ReorganizationResolver } from './reorganization.resolver';
import { followOtherReplicas } from './register-memory';
import { RouteLegResolver } from './route-leg.resolver';

/** province: the province's registers: agencies, procedures (danh mục TTHC), the working calendar, the registrar. */
export const province: SubgraphDefinition = {
  name: 'province',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AgencyResolver, AgencyChangeResolver, AgencySuccessorResolver, ProcedureResolver, RouteLegResolver, ReorganizationResolver, WorkingCalendarResolver],
      references: { ...agencyReferences, ...procedureReferences },
    }),
  seed: seedDirectory,
  outbox: ProvinceOutboxEvent,
  // What it keeps of its registers in memory follows the other replicas' changes (register-memory.ts).
  background: (services) => followOtherReplicas(services.orm, services.eventPollMs),
};

if (require.main === module) runStandalone(province);

import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { AgencyRef } from '../common/stubs';
import { AdministrativeUnitResolver, unitReferences } from './administrative-unit.resolver';
import { seedUnits } from './administrative-unit.seed';
import { database } from './mikro-orm.config';

/** local: district and commune work: administrative units, civil status. */
export const local: SubgraphDefinition = {
  name: 'local',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AdministrativeUnitResolver],
      orphanedTypes: [AgencyRef],
      references: unitReferences,
    }),
  seed: seedUnits,
};

if (require.main === module) runStandalone(local);

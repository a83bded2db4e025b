import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { serviceArea } from './service-area.entity';

/** land: the land registry's work: service areas, parcels, certificates. */
export const land: SubgraphDefinition = {
  name: 'land',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: serviceArea.resolvers,
      orphanedTypes: serviceArea.orphanedTypes,
      references: serviceArea.references,
    }),
  seed: serviceArea.seed,
};

if (require.main === module) runStandalone(land);

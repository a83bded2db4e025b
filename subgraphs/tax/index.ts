import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { serviceArea } from './service-area.entity';

/** tax: tax offices' work on liaison dossiers: service areas, tax notices, payments. */
export const tax: SubgraphDefinition = {
  name: 'tax',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: serviceArea.resolvers,
      orphanedTypes: serviceArea.orphanedTypes,
      references: serviceArea.references,
    }),
  seed: serviceArea.seed,
};

if (require.main === module) runStandalone(tax);

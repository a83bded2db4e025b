import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { Agency, AgencyInboxResolver, agencyReferences } from './agency.resolver';
import { DossierResolver } from './dossier.resolver';
import { database } from './mikro-orm.config';

/** onestop: the dossier lifecycle at the desks and between agencies (cơ chế một cửa, một cửa liên thông). */
export const onestop: SubgraphDefinition = {
  name: 'onestop',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AgencyInboxResolver, DossierResolver],
      orphanedTypes: [Agency],
      references: agencyReferences,
    }),
  seed: async () => {},
};

if (require.main === module) runStandalone(onestop);

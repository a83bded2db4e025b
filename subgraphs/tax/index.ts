import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { TaxOutboxEvent } from './outbox.entity';
import { TaxNoticeResolver } from './tax-notice.resolver';
import { dossierReferences, TaxDossier } from './dossier.reference';
import { TaxDossierResolver } from './dossier.resolver';

/** tax: tax offices' work on liaison dossiers: tax notices, payments. */
export const tax: SubgraphDefinition = {
  name: 'tax',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [TaxNoticeResolver, TaxDossierResolver],
      orphanedTypes: [TaxDossier],
      references: dossierReferences,
    }),
  seed: async () => {},
  outbox: TaxOutboxEvent,
};

if (require.main === module) runStandalone(tax);

import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { TaxOutboxEvent } from './outbox.entity';
import { serviceArea } from './service-area.entity';
import { TaxNoticeResolver } from './tax-notice.resolver';
// The printed schema lists orphaned types in the order their classes are declared: Agency before Dossier.
import { dossierReferences, TaxDossier } from './dossier.reference';
import { TaxDossierResolver } from './dossier.resolver';

/** tax: tax offices' work on liaison dossiers: service areas, tax notices, payments. */
export const tax: SubgraphDefinition = {
  name: 'tax',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [...serviceArea.resolvers, TaxNoticeResolver, TaxDossierResolver],
      orphanedTypes: [...serviceArea.orphanedTypes, TaxDossier],
      references: { ...serviceArea.references, ...dossierReferences },
    }),
  seed: serviceArea.seed,
  outbox: TaxOutboxEvent,
};

if (require.main === module) runStandalone(tax);

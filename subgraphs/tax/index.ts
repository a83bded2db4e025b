import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { TaxOutboxEvent } from './outbox.entity';
import { serviceArea } from './service-area.entity';
import { TaxNoticeResolver } from './tax-notice.resolver';
// Imported after the service area: orphaned types print in declaration order, and the committed schema has Agency first.
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

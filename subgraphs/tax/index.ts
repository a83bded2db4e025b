import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { TaxOutboxEvent } from './outbox.entity';
import { serviceArea } from './service-area.entity';
import { TaxDossier, TaxDossierResolver, TaxNoticeResolver, taxReferences } from './tax-notice.resolver';

/** tax: tax offices' work on liaison dossiers: service areas, tax notices, payments. */
export const tax: SubgraphDefinition = {
  name: 'tax',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [...serviceArea.resolvers, TaxNoticeResolver, TaxDossierResolver],
      orphanedTypes: [...serviceArea.orphanedTypes, TaxDossier],
      references: { ...serviceArea.references, ...taxReferences },
    }),
  seed: serviceArea.seed,
  outbox: TaxOutboxEvent,
};

if (require.main === module) runStandalone(tax);

import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { watchRegisters } from '../common/register-watch';
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
  // What it keeps of the registers (branches, the calendar), until the province's feed shows a change.
  background: (services) => watchRegisters(services, 'tax', [{ source: 'province', prefixes: ['directory.branch.', 'calendar'] }]),
};

if (require.main === module) runStandalone(tax);

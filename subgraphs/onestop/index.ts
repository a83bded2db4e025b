import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { Agency, AgencyInboxResolver, agencyReferences } from './agency.resolver';
import {
  AgencyPerformanceResolver,
  DeadlineResolver,
  DossierConnectionResolver,
  DossierEventResolver,
  DossierResolver,
  DossierTrackingResolver,
  dossierReferences,
  GuidanceSlipResolver,
  LegResolver,
  TransferResolver,
} from './dossier.resolver';
import { database } from './mikro-orm.config';
import { DOSSIER_EVENT_HANDLERS } from './dossier.events';
import { startEventConsumer } from './event-consumer';
import { startNoticeDispatcher } from './notice-dispatcher';

/** onestop: the dossier lifecycle at the desks and between agencies (cơ chế một cửa, một cửa liên thông). */
export const onestop: SubgraphDefinition = {
  name: 'onestop',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [
        AgencyInboxResolver,
        DossierResolver,
        LegResolver,
        TransferResolver,
        DossierEventResolver,
        DossierConnectionResolver,
        DossierTrackingResolver,
        GuidanceSlipResolver,
        AgencyPerformanceResolver,
        DeadlineResolver,
      ],
      orphanedTypes: [Agency],
      references: { ...agencyReferences, ...dossierReferences },
    }),
  seed: async () => {},
  // Applies the events of the subgraphs whose work moves dossiers (tax notices, payments, registrations),
  // and sends the applicants' notices the dossiers' changes queued.
  background: (services) => {
    const consumer = startEventConsumer(services, DOSSIER_EVENT_HANDLERS);
    const dispatcher = startNoticeDispatcher(services);
    return { stop: () => Promise.all([consumer.stop(), dispatcher.stop()]).then(() => undefined) };
  },
};

if (require.main === module) runStandalone(onestop);

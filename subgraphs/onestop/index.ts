import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { watchRegisters } from '../common/register-watch';
import { runStandalone } from '../common/standalone';
import { Agency, agencyReferences } from './dossier/agency.reference';
import { AuditResolver } from './dossier/audit.resolver';
import { DeadlineResolver } from './dossier/deadline.resolver';
import {
  DossierConnectionResolver,
  DossierEventResolver,
  DossierFieldsResolver,
  DossierTrackingResolver,
  LegResolver,
  TransferResolver,
} from './dossier/dossier-fields.resolver';
import { dossierReferences } from './dossier/dossier.reference';
import { DossierResolver } from './dossier/dossier.resolver';
import { GuidanceSlipResolver } from './dossier/guidance.resolver';
import { startDeferredMessages } from './feed/deferred';
import { startFeedReader } from './feed/feed-reader';
import { FEED_REACTIONS } from './feed/reactions';
import { RejectedEventsResolver } from './feed/rejected-events.resolver';
import { AgencyNameResolver, ProcedureNameResolver } from './dossier/register-names.resolver';
import { database } from './mikro-orm.config';
import { startNoticeDispatcher } from './notices/notice-dispatcher';
import { AgencyInboxResolver } from './reporting/inbox.resolver';
import { onestopFigures } from './reporting/figures';
import { ReportingResolver } from './reporting/reporting.resolver';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookResolver } from './webhooks/webhook.resolver';

/** onestop: the dossier lifecycle at the desks and between agencies (cơ chế một cửa, một cửa liên thông). */
export const onestop: SubgraphDefinition = {
  name: 'onestop',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [
        AgencyInboxResolver,
        DossierResolver,
        DossierFieldsResolver,
        LegResolver,
        TransferResolver,
        DossierEventResolver,
        DossierConnectionResolver,
        DossierTrackingResolver,
        GuidanceSlipResolver,
        ReportingResolver,
        DeadlineResolver,
        WebhookResolver,
        RejectedEventsResolver,
        AuditResolver,
        AgencyNameResolver,
        ProcedureNameResolver,
      ],
      orphanedTypes: [Agency],
      references: { ...agencyReferences, ...dossierReferences },
    }),
  seed: async () => {},
  // Applies the messages of the subgraphs whose work moves dossiers (tax notices, payments, registrations),
  // and sends the applicants' notices and the agency systems' webhooks the dossiers' changes queued.
  background: (services) => {
    const reader = startFeedReader(services, FEED_REACTIONS);
    const deferred = startDeferredMessages(services, FEED_REACTIONS);
    const dispatcher = startNoticeDispatcher(services);
    const webhooks = startWebhookDispatcher(services);
    // What it keeps of the registers, until their owners' feeds show a change (common/register-watch.ts).
    const registers = watchRegisters(services, 'onestop', [
      { source: 'province', prefixes: ['directory.agencies', 'directory.procedure.', 'directory.branch.', 'calendar'] },
      { source: 'local', prefixes: ['directory.units'] },
    ]);
    return { stop: () => Promise.all([reader.stop(), deferred.stop(), dispatcher.stop(), webhooks.stop(), registers.stop()]).then(() => undefined) };
  },
  figures: onestopFigures,
};

if (require.main === module) runStandalone(onestop);

import '../common/tracing';
import 'reflect-metadata';
import type { Identity } from '../common/auth';
import { startFeedReader } from '../common/feed-reader';
import { buildFederatedSchema } from '../common/federation';
import { feedLag, rejectedMessages } from '../common/metrics';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { AgencyRef } from '../common/stubs';
import { unitReferences } from './administrative-unit.reference';
import { AdministrativeUnitResolver } from './administrative-unit.resolver';
import { seedUnits } from './administrative-unit.seed';
import { BirthRegistrationResolver } from './birth-registration.resolver';
import { dossierReferences, LocalDossier } from './dossier.reference';
import { LocalDossierResolver } from './dossier.resolver';
import { database } from './mikro-orm.config';
import { LocalOutboxEvent } from './outbox.entity';
import { UNIT_REACTIONS } from './units.reactions';

const READER: Identity = { sub: 'hub:local', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };

/** local: district and commune work: administrative units, civil status (birth registration). */
export const local: SubgraphDefinition = {
  name: 'local',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AdministrativeUnitResolver, BirthRegistrationResolver, LocalDossierResolver],
      orphanedTypes: [AgencyRef, LocalDossier],
      references: { ...unitReferences, ...dossierReferences },
    }),
  seed: seedUnits,
  outbox: LocalOutboxEvent,
  // A reorganisation the province enters may set up, merge or rename units: local applies that part.
  background: (services) => startFeedReader(services, { schema: 'local', sources: ['province'], reactions: UNIT_REACTIONS, reader: READER }),
  figures: (services) => [rejectedMessages('local', services), feedLag('local', ['province'], services)],
};

if (require.main === module) runStandalone(local);

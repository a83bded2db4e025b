import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { watchRegisters } from '../common/register-watch';
import { runStandalone } from '../common/standalone';
import { LandRegistrationResolver } from './land-registration.resolver';
import { database } from './mikro-orm.config';
import { LandOutboxEvent } from './outbox.entity';
import { parcelReferences } from './parcel.reference';
import { ParcelResolver } from './parcel.resolver';
import { dossierReferences, LandDossier } from './dossier.reference';
import { LandDossierResolver } from './dossier.resolver';

/** land: the land registry's work: parcels, transfer registrations and certificates. */
export const land: SubgraphDefinition = {
  name: 'land',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [ParcelResolver, LandRegistrationResolver, LandDossierResolver],
      orphanedTypes: [LandDossier],
      references: { ...dossierReferences, ...parcelReferences },
    }),
  seed: async () => {},
  outbox: LandOutboxEvent,
  // What it keeps of the registers (branches, units), until their owners' feeds show a change.
  background: (services) =>
    watchRegisters(services, 'land', [
      { source: 'province', prefixes: ['directory.branch.'] },
      { source: 'local', prefixes: ['unit.'] },
    ]),
};

if (require.main === module) runStandalone(land);

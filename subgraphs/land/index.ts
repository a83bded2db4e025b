import '../common/tracing';
import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
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
};

if (require.main === module) runStandalone(land);

import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { LandRegistrationResolver } from './land-registration.resolver';
import { database } from './mikro-orm.config';
import { LandOutboxEvent } from './outbox.entity';
import { parcelReferences } from './parcel.reference';
import { ParcelResolver } from './parcel.resolver';
import { serviceArea } from './service-area.entity';
// Imported after the service area: orphaned types print in declaration order, and the committed schema has Agency first.
import { dossierReferences, LandDossier } from './dossier.reference';
import { LandDossierResolver } from './dossier.resolver';

/** land: the land registry's work: service areas, parcels, transfer registrations and certificates. */
export const land: SubgraphDefinition = {
  name: 'land',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [...serviceArea.resolvers, ParcelResolver, LandRegistrationResolver, LandDossierResolver],
      orphanedTypes: [...serviceArea.orphanedTypes, LandDossier],
      references: { ...serviceArea.references, ...dossierReferences, ...parcelReferences },
    }),
  seed: serviceArea.seed,
  outbox: LandOutboxEvent,
};

if (require.main === module) runStandalone(land);

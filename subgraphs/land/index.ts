import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { database } from './mikro-orm.config';
import { LandOutboxEvent } from './outbox.entity';
import { LandDossier, LandDossierResolver, LandRegistrationResolver, landReferences, ParcelResolver } from './parcel.resolver';
import { serviceArea } from './service-area.entity';

/** land: the land registry's work: service areas, parcels, transfer registrations and certificates. */
export const land: SubgraphDefinition = {
  name: 'land',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [...serviceArea.resolvers, ParcelResolver, LandRegistrationResolver, LandDossierResolver],
      orphanedTypes: [...serviceArea.orphanedTypes, LandDossier],
      references: { ...serviceArea.references, ...landReferences },
    }),
  seed: serviceArea.seed,
  outbox: LandOutboxEvent,
};

if (require.main === module) runStandalone(land);

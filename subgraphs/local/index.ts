import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
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
};

if (require.main === module) runStandalone(local);

import 'reflect-metadata';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { runStandalone } from '../common/standalone';
import { AgencyRef } from '../common/stubs';
import { AdministrativeUnitResolver, unitReferences } from './administrative-unit.resolver';
import { seedUnits } from './administrative-unit.seed';
import { database } from './mikro-orm.config';
import { birthReferences, BirthRegistrationResolver, LocalDossier, LocalDossierResolver } from './birth-registration.resolver';
import { LocalOutboxEvent } from './outbox.entity';

/** local: district and commune work: administrative units, civil status (birth registration). */
export const local: SubgraphDefinition = {
  name: 'local',
  database,
  schema: () =>
    buildFederatedSchema({
      resolvers: [AdministrativeUnitResolver, BirthRegistrationResolver, LocalDossierResolver],
      orphanedTypes: [AgencyRef, LocalDossier],
      references: { ...unitReferences, ...birthReferences },
    }),
  seed: seedUnits,
  outbox: LocalOutboxEvent,
};

if (require.main === module) runStandalone(local);

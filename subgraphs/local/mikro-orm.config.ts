import type { SubgraphDatabase } from '../common/orm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { BirthRegistration, Child, Parent } from './birth-registration.entity';
import { LocalCounter, LocalOutboxEvent } from './outbox.entity';
import { migrations } from './migrations';

export const database: SubgraphDatabase = {
  schema: 'local',
  entities: [AdministrativeUnit, BirthRegistration, Child, Parent, LocalOutboxEvent, LocalCounter],
  migrations,
};

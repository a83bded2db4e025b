import type { SubgraphDatabase } from '../common/orm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { BirthRegistration } from './birth-registration.entity';
import { Child } from './child.entity';
import { LocalCounter } from './local-counter.entity';
import { migrations } from './migrations';
import { LocalOutboxEvent } from './outbox.entity';
import { Parent } from './parent.entity';

export const database: SubgraphDatabase = {
  schema: 'local',
  entities: [AdministrativeUnit, BirthRegistration, Child, Parent, LocalOutboxEvent, LocalCounter],
  migrations,
};

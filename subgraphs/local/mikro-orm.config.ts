import type { SubgraphDatabase } from '../common/orm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { AppliedDecision } from './applied-decision.entity';
import { BirthRegistration } from './birth-registration.entity';
import { Child } from './child.entity';
import { LocalConsumedMessage } from './consumed-message.entity';
import { LocalFeedCursor } from './feed-cursor.entity';
import { LocalCounter } from './local-counter.entity';
import { LocalConsumedUnit } from './consumed-unit.entity';
import { migrations } from './migrations';
import { LocalOutboxEvent } from './outbox.entity';
import { Parent } from './parent.entity';
import { UnitName } from './unit-name.entity';

export const database: SubgraphDatabase = {
  schema: 'local',
  entities: [AdministrativeUnit, UnitName, AppliedDecision, BirthRegistration, Child, Parent, LocalOutboxEvent, LocalCounter, LocalFeedCursor, LocalConsumedMessage, LocalConsumedUnit],
  migrations,
};

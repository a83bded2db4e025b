import type { SubgraphDatabase } from '../common/orm';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';
import { CalendarYear } from './calendar-year.entity';
import { CompetenceMove } from './competence-move.entity';
import { migrations } from './migrations';
import { OfficeHours } from './office-hours.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { ProcedureVersion } from './procedure-version.entity';
import { Procedure } from './procedure.entity';
import { RegistrarChange } from './registrar-change.entity';
import { Reorganization } from './reorganization.entity';
import { registerMemoryEvents } from './register-memory';
import { RouteLeg } from './route-leg.entity';

export const database: SubgraphDatabase = {
  schema: 'province',
  entities: [Agency, AgencyChange, Procedure, ProcedureVersion, RouteLeg, CompetenceMove, Reorganization, RegistrarChange, CalendarYear, OfficeHours, ProvinceOutboxEvent],
  migrations,
  subscribers: [registerMemoryEvents],
};

import type { SubgraphDatabase } from '../common/orm';
import { LandRegistration } from './land-registration.entity';
import { migrations } from './migrations';
import { LandOutboxEvent } from './outbox.entity';
import { Parcel } from './parcel.entity';
import { ParcelHolding } from './parcel-holding.entity';

export const database: SubgraphDatabase = {
  schema: 'land',
  entities: [Parcel, ParcelHolding, LandRegistration, LandOutboxEvent],
  migrations,
};

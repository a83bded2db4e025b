import type { SubgraphDatabase } from '../common/orm';
import { migrations } from './migrations';
import { LandOutboxEvent } from './outbox.entity';
import { LandRegistration, Parcel, ParcelHolding } from './parcel.entity';
import { LandServiceArea } from './service-area.entity';

export const database: SubgraphDatabase = {
  schema: 'land',
  entities: [LandServiceArea, Parcel, ParcelHolding, LandRegistration, LandOutboxEvent],
  migrations,
};

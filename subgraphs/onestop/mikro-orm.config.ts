import type { SubgraphDatabase } from '../common/orm';
import { Dossier } from './dossier.entity';
import { migrations } from './migrations';

export const database: SubgraphDatabase = {
  schema: 'onestop',
  entities: [Dossier],
  migrations,
};

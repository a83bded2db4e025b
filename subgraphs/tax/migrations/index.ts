import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112108 } from './Migration20261126112108';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112108', class: Migration20261126112108 },
];

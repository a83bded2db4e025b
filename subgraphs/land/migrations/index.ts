import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112110 } from './Migration20261126112110';
import { Migration20261126125712 } from './Migration20261126125712';
import { Migration20261201231254 } from './Migration20261201231254';
import { Migration20261202031000 } from './Migration20261202031000';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112110', class: Migration20261126112110 },
  { name: 'Migration20261126125712', class: Migration20261126125712 },
  { name: 'Migration20261201231254', class: Migration20261201231254 },
  { name: 'Migration20261202031000', class: Migration20261202031000 },
];

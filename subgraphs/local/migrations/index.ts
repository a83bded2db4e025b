import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112118 } from './Migration20261126112118';
import { Migration20261126130124 } from './Migration20261126130124';
import { Migration20261201231554 } from './Migration20261201231554';
import { Migration20261202021000 } from './Migration20261202021000';
import { Migration20261202031000 } from './Migration20261202031000';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112118', class: Migration20261126112118 },
  { name: 'Migration20261126130124', class: Migration20261126130124 },
  { name: 'Migration20261201231554', class: Migration20261201231554 },
  { name: 'Migration20261202021000', class: Migration20261202021000 },
  { name: 'Migration20261202031000', class: Migration20261202031000 },
];

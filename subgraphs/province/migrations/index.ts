import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112116 } from './Migration20261126112116';
import { Migration20261126130621 } from './Migration20261126130621';
import { Migration20261201231027 } from './Migration20261201231027';
import { Migration20261202030000 } from './Migration20261202030000';
import { Migration20261202031000 } from './Migration20261202031000';
import { Migration20261202050000 } from './Migration20261202050000';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112116', class: Migration20261126112116 },
  { name: 'Migration20261126130621', class: Migration20261126130621 },
  { name: 'Migration20261201231027', class: Migration20261201231027 },
  { name: 'Migration20261202030000', class: Migration20261202030000 },
  { name: 'Migration20261202031000', class: Migration20261202031000 },
  { name: 'Migration20261202050000', class: Migration20261202050000 },
];

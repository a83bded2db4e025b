import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112108 } from './Migration20261126112108';
import { Migration20261126125037 } from './Migration20261126125037';
import { Migration20261201231243 } from './Migration20261201231243';
import { Migration20261202024000 } from './Migration20261202024000';
import { Migration20261202031000 } from './Migration20261202031000';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112108', class: Migration20261126112108 },
  { name: 'Migration20261126125037', class: Migration20261126125037 },
  { name: 'Migration20261201231243', class: Migration20261201231243 },
  { name: 'Migration20261202024000', class: Migration20261202024000 },
  { name: 'Migration20261202031000', class: Migration20261202031000 },
];

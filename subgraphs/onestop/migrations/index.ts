import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126112102 } from './Migration20261126112102';
import { Migration20261126114601 } from './Migration20261126114601';
import { Migration20261126124127 } from './Migration20261126124127';
import { Migration20261126125040 } from './Migration20261126125040';
import { Migration20261126130920 } from './Migration20261126130920';
import { Migration20261126135520 } from './Migration20261126135520';
import { Migration20261126141208 } from './Migration20261126141208';
import { Migration20261126150000 } from './Migration20261126150000';
import { Migration20261201232120 } from './Migration20261201232120';
import { Migration20261202021000 } from './Migration20261202021000';
import { Migration20261202023126 } from './Migration20261202023126';
import { Migration20261202023359 } from './Migration20261202023359';
import { Migration20261202030000 } from './Migration20261202030000';
import { Migration20261202051000 } from './Migration20261202051000';

/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126112102', class: Migration20261126112102 },
  { name: 'Migration20261126114601', class: Migration20261126114601 },
  { name: 'Migration20261126124127', class: Migration20261126124127 },
  { name: 'Migration20261126125040', class: Migration20261126125040 },
  { name: 'Migration20261126130920', class: Migration20261126130920 },
  { name: 'Migration20261126135520', class: Migration20261126135520 },
  { name: 'Migration20261126141208', class: Migration20261126141208 },
  { name: 'Migration20261126150000', class: Migration20261126150000 },
  { name: 'Migration20261201232120', class: Migration20261201232120 },
  { name: 'Migration20261202021000', class: Migration20261202021000 },
  { name: 'Migration20261202023126', class: Migration20261202023126 },
  { name: 'Migration20261202023359', class: Migration20261202023359 },
  { name: 'Migration20261202030000', class: Migration20261202030000 },
  { name: 'Migration20261202051000', class: Migration20261202051000 },
];

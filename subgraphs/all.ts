import { land } from './land';
import { local } from './local';
import { onestop } from './onestop';
import { province } from './province';
import type { SubgraphDefinition } from './common/server';
import { tax } from './tax';

/** The five subgraphs, in the order their ports run (4001–4005). */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [onestop, province, local, tax, land];

import type { SubgraphDatabase } from '../common/orm';
import { ConsumedEvent, FeedCursor } from './consumed-event.entity';
import { Counter } from './counter.entity';
import { DeskDailyStats } from './desk-stats.entity';
import { DossierAccess } from './dossier-access.entity';
import { DossierEvent } from './dossier-event.entity';
import { Applicant, Dossier, DossierLeg, Transfer } from './dossier.entity';
import { GuidanceSlip } from './guidance-slip.entity';
import { migrations } from './migrations';
import { Notice } from './notice.entity';

export const database: SubgraphDatabase = {
  schema: 'onestop',
  entities: [Dossier, Applicant, DossierLeg, Transfer, DossierEvent, DossierAccess, GuidanceSlip, Counter, ConsumedEvent, FeedCursor, DeskDailyStats, Notice],
  migrations,
};

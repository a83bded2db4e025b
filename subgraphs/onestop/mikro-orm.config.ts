import type { SubgraphDatabase } from '../common/orm';
import { Applicant } from './dossier/applicant.entity';
import { Counter } from './dossier/counter.entity';
import { DossierAccess } from './dossier/dossier-access.entity';
import { DossierEvent } from './dossier/dossier-event.entity';
import { DossierLeg } from './dossier/dossier-leg.entity';
import { Dossier } from './dossier/dossier.entity';
import { GuidanceSlip } from './dossier/guidance-slip.entity';
import { Transfer } from './dossier/transfer.entity';
import { ConsumedMessage } from './feed/consumed-message.entity';
import { DeferredMessage } from './feed/deferred-message.entity';
import { FeedCursor } from './feed/feed-cursor.entity';
import { ConsumedUnit } from './feed/consumed-unit.entity';
import { migrations } from './migrations';
import { Notice } from './notices/notice.entity';
import { DeskDailyStats } from './reporting/desk-stats.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { Webhook } from './webhooks/webhook.entity';
import { ServiceRating } from './reporting/service-rating.entity';

export const database: SubgraphDatabase = {
  schema: 'onestop',
  entities: [Dossier, Applicant, DossierLeg, Transfer, DossierEvent, DossierAccess, GuidanceSlip, Counter, ConsumedMessage, ConsumedUnit, FeedCursor, DeferredMessage, DeskDailyStats, Notice, ServiceRating, Webhook, WebhookDelivery],
  migrations,
};

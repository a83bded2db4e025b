import type { EntityClass } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Request, RequestHandler, Response } from 'express';
import type { Identity } from './auth';
import { isHubComponent, type TokenVerifier } from './tokens';
import { HubError } from './errors';

/**
 * The transactional outbox: a subgraph that has done its part of a dossier's work (a tax notice issued, a
 * transfer registered) writes a message to its own `outbox` table in the same transaction as the work. It
 * serves the table, in order, as a feed (`GET /events?after=<id>`) to hub components that show a
 * SYSTEM token; the consumer keeps its own cursor. Nothing is lost while the consumer is down: the messages wait
 * here. Nothing crosses schemas: the feed is HTTP.
 */
export abstract class OutboxMessageBase {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', nullable: true })
  dossierCode!: string | null;

  /** The producing agency and officer: the actor the consumer records in the dossier's history. */
  @Property({ type: 'text' })
  agencyCode!: string;

  @Property({ type: 'text' })
  actorId!: string;

  @Property({ type: 'text' })
  actorName!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;
}

export interface FeedMessage {
  id: string;
  type: string;
  dossierCode: string | null;
  agencyCode: string;
  actorId: string;
  actorName: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** Appends a message to the outbox in `em`'s transaction. */
export function recordMessage<T extends OutboxMessageBase>(
  em: EntityManager,
  entity: EntityClass<T>,
  actor: Identity,
  type: string,
  dossierCode: string | null,
  payload: Record<string, unknown>,
  at: Date,
): void {
  const message = Object.assign(Object.create(entity.prototype) as T, {
    type,
    dossierCode,
    agencyCode: actor.agency,
    actorId: actor.sub,
    actorName: actor.name,
    payload,
    occurredAt: at,
  });
  em.persist(message);
}

const MAX_BATCH = 500;
/** The largest id a `bigserial` holds. */
const MAX_ID = 9223372036854775807n;

/** `after`: a message id (0 before the first), or null when it is not one. */
function feedPosition(value: unknown): string | null {
  const text = value === undefined ? '0' : value;
  if (typeof text !== 'string' || !/^\d{1,19}$/.test(text) || BigInt(text) > MAX_ID) return null;
  return String(BigInt(text));
}

/**
 * A read of the outbox for the hub's own components only (a token of the hub's service issuer), given the
 * position `after` it asks from (`?after=<id>`, 0 when absent; anything but a message id is 400).
 */
export function forHubComponents(verifier: TokenVerifier, read: (after: string, req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res) => {
    try {
      const caller = await verifier.identityOf(req.header('authorization'));
      if (!caller) {
        res.status(401).json({ error: 'UNAUTHENTICATED', message: 'The message feed is for the hub’s own components.' });
        return;
      }
      if (!isHubComponent(caller)) {
        res.status(403).json({ error: 'FORBIDDEN', message: 'The message feed is for the hub’s own components.' });
        return;
      }
      const after = feedPosition(req.query.after);
      if (after === null) {
        res.status(400).json({ error: 'BAD_USER_INPUT', message: `after must be a message id, a whole number from 0 to ${MAX_ID}.` });
        return;
      }
      await read(after, req, res);
    } catch (error) {
      const code = error instanceof HubError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
      res.status(code === 'UNAUTHENTICATED' ? 401 : 500).json({ error: code, message: (error as Error).message });
    }
  };
}

/** `GET /events?after=<id>&limit=<n>`: the outbox in order, for hub components only. */
export function messageFeed(orm: MikroORM, entity: EntityClass<OutboxMessageBase>, verifier: TokenVerifier): RequestHandler {
  return forHubComponents(verifier, async (after, req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 100, 1), MAX_BATCH);
    const events = await orm.em.fork().find(entity, { id: { $gt: after } } as object, { orderBy: { id: 'asc' } as object, limit });
    res.json({ events: events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })) });
  });
}

/**
 * `GET /events/backlog?after=<id>`: how many messages the outbox has past `after`, when the first of them was
 * written, and the id of its last message (`head`, 0 before the first): what a watcher compares with the head
 * it saw before, in one small request.
 */
export function feedBacklog(orm: MikroORM, entity: EntityClass<OutboxMessageBase>, verifier: TokenVerifier): RequestHandler {
  const meta = orm.getMetadata().get(entity.name);
  const table = `"${meta.schema ?? orm.config.get('schema')}"."${meta.tableName}"`;
  return forHubComponents(verifier, async (after, _req, res) => {
    // One statement, one snapshot: the count, the first of them and the head agree.
    const [row] = await orm.em.getConnection().execute<Array<{ behind: number; oldest: string | Date | null; head: string }>>(
      `select count(*)::int as behind, min(occurred_at) as oldest, coalesce((select max(id) from ${table}), 0)::text as head from ${table} where id > ?`,
      [after],
    );
    res.json({ behind: row.behind, oldestAt: row.oldest === null ? null : new Date(row.oldest).toISOString(), head: row.head });
  });
}

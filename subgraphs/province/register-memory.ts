import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';
import { ProcedureVersion } from './procedure-version.entity';
import type { Context } from '../common/context';
import { errorFields, logger } from '../common/log';
import { isHubComponent } from '../common/tokens';
import { Procedure } from './procedure.entity';

const log = logger('province');

/**
 * The directory and the catalogue as the province's tables hold them, kept in memory: every agency with its
 * whole history and every procedure with all its versions, so that the gateway's questions for names (an
 * Agency or Procedure reference, at the request's time) cost no query. Histories are kept whole, so the
 * answer at any instant is the same as the tables'.
 *
 * Kept current two ways: every transaction this process commits in the province's schema drops the copy
 * (`registerMemoryEvents`, before the mutation's answer is resolved), and another replica's change shows as a
 * new message in the province's outbox, which every change of the registers writes in its transaction
 * (`followOtherReplicas`, checked every feed poll). The next read loads the copy again.
 */

export interface Registers {
  agencies: Map<string, Agency>;
  histories: Map<string, AgencyChange[]>;
  procedures: Map<string, Procedure>;
  versions: Map<string, ProcedureVersion[]>;
  /** The last message of the province's outbox when the copy was read: the copy holds every change up to it. */
  head: bigint;
}

/** Agencies and procedures in the order of their codes, as the lists give them. */
export const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function grouped<K, V>(values: V[], keyOf: (value: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const value of values) {
    const key = keyOf(value);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

class RegisterMemory {
  private kept: Promise<Registers> | null = null;

  constructor(private readonly em: EntityManager) {}

  read(): Promise<Registers> {
    if (this.kept) return this.kept;
    const loading = this.load();
    this.kept = loading;
    loading.catch(() => {
      if (this.kept === loading) this.kept = null;
    });
    return loading;
  }

  /**
   * The copy, holding at least every change whose message is in the outbox now: read again when older (a
   * change committed by another process, which this one has not yet seen at its poll).
   */
  async readFresh(): Promise<Registers> {
    const kept = this.read();
    const [current, copy] = await Promise.all([outboxHead(this.em.fork()), kept]);
    if (copy.head >= current) return copy;
    if (this.kept === kept) this.forget();
    return this.read();
  }

  /** A change was committed: the next read loads the registers again (reads already under way keep theirs). */
  forget(): void {
    this.kept = null;
  }

  private async load(): Promise<Registers> {
    // Its own unit of work, outside any request's: the entities are shared, read-only, by every request. Each
    // table after the one it belongs to (an agency and its first change are committed together): what a later
    // read adds is only more, so no agency or procedure is kept without its history or versions.
    const em = this.em.fork({ clear: true });
    const head = await outboxHead(em);
    const agencies = await em.find(Agency, {});
    const changes = await em.find(AgencyChange, {}, { orderBy: { agency: 'asc', seq: 'asc' } });
    const procedures = await em.find(Procedure, {});
    const versions = await em.find(ProcedureVersion, {}, { orderBy: { procedure: 'asc', version: 'asc' } });
    return {
      agencies: new Map(agencies.map((agency) => [agency.code, agency])),
      histories: grouped(changes, (change) => change.agency.code),
      procedures: new Map(procedures.map((procedure) => [procedure.code, procedure])),
      versions: grouped(versions, (version) => version.procedure.code),
      head,
    };
  }
}

/** The id of the province outbox's last message (ids are given in commit order: Migration20261202031000). */
async function outboxHead(em: EntityManager): Promise<bigint> {
  const [{ head }] = await em.execute<Array<{ head: string }>>(`select coalesce(max(id), 0)::text as head from province.outbox`);
  return BigInt(head);
}

/** One memory per ORM (per replica's connection pool): forks share their ORM's metadata. */
const memories = new WeakMap<object, RegisterMemory>();

function memoryOf(em: EntityManager): RegisterMemory {
  const key = em.getMetadata();
  let memory = memories.get(key);
  if (!memory) {
    // A unit of work of its own, not the first request's (whose entities it would keep alive).
    memory = new RegisterMemory(em.fork({ clear: true }));
    memories.set(key, memory);
  }
  return memory;
}

/**
 * The registers as committed, from memory. A hub component (onestop, tax, land reading the directory after a
 * register message) gets a copy that holds every change whose message it may have seen; anyone else the copy
 * as this process last knew it, which another process's change reaches within a poll (`followOtherReplicas`).
 */
export function registers(ctx: Pick<Context, 'em' | 'actor'>): Promise<Registers> {
  const memory = memoryOf(ctx.em);
  return isHubComponent(ctx.actor) ? memory.readFresh() : memory.read();
}

/** Drops what this process keeps of its registers (committed here or seen in the outbox). */
export function forgetRegisters(em: EntityManager): void {
  memories.get(em.getMetadata())?.forget();
}

/**
 * A commit in the province's schema (a register change, a migration, the seed) drops the copy. Registered
 * in the ORM's configuration, so that every unit of work and transaction carries it from the start.
 */
export const registerMemoryEvents: EventSubscriber = {
  afterTransactionCommit(args: TransactionEventArgs): void {
    forgetRegisters(args.em as EntityManager);
  },
};

/** Another replica's change: a new message in the outbox (checked every `pollMs`) drops the copy. */
export function followOtherReplicas(orm: MikroORM, pollMs: number): { stop(): Promise<void> } {
  let last: bigint | undefined;
  let running: Promise<void> = Promise.resolve();
  const check = async () => {
    const em = orm.em.fork();
    const head = await outboxHead(em);
    if (head !== last) forgetRegisters(em);
    last = head;
  };
  // A check that fails (the database away) is told once, until one succeeds; the copy is kept meanwhile.
  let failing = false;
  const checked = () =>
    check().then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log.warn({ error: errorFields(error) }, 'cannot watch the province’s outbox for other replicas’ changes yet');
        failing = true;
      },
    );
  const timer = setInterval(() => {
    running = running.then(checked);
  }, pollMs);
  timer.unref();
  running = checked();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

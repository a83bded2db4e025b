import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';
import { ProcedureVersion } from './procedure-version.entity';
import { Procedure } from './procedure.entity';

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
}

function grouped<K, V>(values: V[], keyOf: (value: V) => K): Map<K, V[]> {
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

  /** A change was committed: the next read loads the registers again (reads already under way keep theirs). */
  forget(): void {
    this.kept = null;
  }

  private async load(): Promise<Registers> {
    // Its own unit of work, outside any request's: the entities are shared, read-only, by every request.
    const em = this.em.fork({ clear: true });
    const [agencies, changes, procedures, versions] = await Promise.all([
      em.find(Agency, {}),
      em.find(AgencyChange, {}, { orderBy: { agency: 'asc', seq: 'asc' } }),
      em.find(Procedure, {}),
      em.find(ProcedureVersion, {}, { orderBy: { procedure: 'asc', version: 'asc' } }),
    ]);
    return {
      agencies: new Map(agencies.map((agency) => [agency.code, agency])),
      histories: grouped(changes, (change) => change.agency.code),
      procedures: new Map(procedures.map((procedure) => [procedure.code, procedure])),
      versions: grouped(versions, (version) => version.procedure.code),
    };
  }
}

/** One memory per ORM (per replica's connection pool): forks share their ORM's metadata. */
const memories = new WeakMap<object, RegisterMemory>();

function memoryOf(em: EntityManager): RegisterMemory {
  const key = em.getMetadata();
  let memory = memories.get(key);
  if (!memory) {
    memory = new RegisterMemory(em);
    memories.set(key, memory);
  }
  return memory;
}

/** The registers as committed, from memory. */
export function registers(em: EntityManager): Promise<Registers> {
  return memoryOf(em).read();
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
  let last: string | null | undefined;
  let running: Promise<void> = Promise.resolve();
  const check = async () => {
    const em = orm.em.fork();
    // The count too: of two messages committed out of the order of their ids, the later may not raise the max.
    const [{ head }] = await em.execute<Array<{ head: string }>>(`select count(*) || ':' || coalesce(max(id), 0) as head from province.outbox`);
    if (head !== last) forgetRegisters(em);
    last = head;
  };
  const timer = setInterval(() => {
    running = running.then(check).catch(() => undefined);
  }, pollMs);
  timer.unref();
  running = check().catch(() => undefined);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

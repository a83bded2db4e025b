import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from './auth';
import type { WebhookSettings } from './env';
import type { GraphClient } from './graph-client';

/**
 * What every resolver gets: its own unit of work, the caller, the request's batch loaders, the time the
 * request is handled at, the federated graph for what other subgraphs own, and where webhooks may be sent.
 */
export interface Context {
  em: EntityManager;
  actor: Identity | null;
  loaders: Loaders;
  now: Date;
  graph: GraphClient;
  webhooks: WebhookSettings;
}

/**
 * Per-request DataLoaders, created on first use and keyed by name, so that resolving fifty entity
 * references costs one query per batch, not fifty.
 */
export class Loaders {
  private readonly byName = new Map<string, DataLoader<unknown, unknown>>();

  /** Loads one value per key; keys with no row resolve to null. */
  one<K, V>(name: string, fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V | null> {
    return this.get(name, async (keys: readonly K[]) => {
      const found = new Map((await fetch(keys)).map((value) => [keyOf(value), value]));
      return keys.map((key) => found.get(key) ?? null);
    });
  }

  /** Loads a list per key; keys with no rows resolve to []. */
  many<K, V>(name: string, fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V[]> {
    return this.get(name, async (keys: readonly K[]) => {
      const grouped = new Map<K, V[]>();
      for (const value of await fetch(keys)) {
        const key = keyOf(value);
        const list = grouped.get(key);
        if (list) list.push(value);
        else grouped.set(key, [value]);
      }
      return keys.map((key) => grouped.get(key) ?? []);
    });
  }

  /** A loader with its own batch function, for lookups that do not fit `one` or `many`. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.byName.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.byName.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

import type { ClientRateLimitInfo, IncrementResponse, Options as RateLimitOptions, Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';

/**
 * The anonymous rate limit's counts, shared by every gateway replica through Redis (HUB_REDIS_URL), so that
 * replicas do not multiply the allowance. Without Redis each process counts on its own (development).
 */

/** A Redis store that survives Redis being away: its scripts are loaded again once Redis is back. */
class ResilientRedisStore extends RedisStore {
  override async init(options: RateLimitOptions): Promise<void> {
    // Redis may still be starting: the scripts are loaded again on first use.
    await super.init(options).catch(() => undefined);
  }

  override async increment(key: string): Promise<IncrementResponse> {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }

  override async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    this.getScriptSha = this.getScriptSha.catch(() => this.loadGetScript());
    return super.get(key);
  }
}

export interface SharedCounts {
  store: Store;
  close(): Promise<void>;
}

/** A store of the counts in Redis at `url`, under keys starting with `prefix`. */
export function sharedCounts(url: string, prefix: string): SharedCounts {
  // A request waits for Redis at most one retry; an unreachable Redis answers the caller 503, not a hang.
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let lastProblem = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastProblem) console.warn(`gateway: Redis (rate limit) unreachable: ${error.message}`);
    lastProblem = error.message;
  });
  client.on('ready', () => {
    lastProblem = '';
  });
  return {
    store: new ResilientRedisStore({ prefix, sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as never }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

import type { Identity } from './auth';
import { serviceAuthorization } from './tokens';
import { HubError } from './errors';

/**
 * How a subgraph reads what another group of agencies owns: through the federated graph, as any client
 * would, never through their tables. Public reference data (the directory, the catalogue) needs no
 * caller's identity and can be kept for a short while, since it changes rarely; anything else is asked as
 * the caller (`as`), so the owner applies its own rules of who may read what.
 */
export class GraphClient {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(
    private readonly url: () => string,
    private readonly identitySecret: string,
    /** Who the subgraph is when it asks on no caller's behalf. */
    private readonly self: Identity,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}, options: { as?: Identity } = {}): Promise<T> {
    const response = await fetch(this.url(), {
      method: 'POST',
      // As the caller, with the caller's own token; without one, as the subgraph itself (a service token), so
      // that the gateway does not count it as a citizen.
      headers: { 'content-type': 'application/json', ...(await serviceAuthorization(options.as ?? this.self, this.identitySecret)) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    }).catch((error: { name?: string; message?: string }) => {
      // A timeout rejects with a DOMException, which is no Error: say plainly what happened.
      throw new Error(`The hub's graph did not answer (${error?.name ?? 'error'}: ${error?.message ?? String(error)}).`);
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    // The owner's coded refusal (not found, forbidden…) is the caller's answer too.
    const coded = body.errors?.find((error) => ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT'].includes(String(error.extensions?.code)));
    if (coded) throw new HubError(coded.message, coded.extensions!.code as never);
    if (body.errors?.length || !body.data) {
      throw new Error(`The hub's graph answered with errors: ${(body.errors ?? []).map((error) => error.message).join('; ') || response.status}`);
    }
    return body.data;
  }

  /** `load()`'s answer, kept for `ttlMs`; concurrent callers share one request, and a failure is not kept. */
  cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { expires: now + ttlMs, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** Forgets what was kept, e.g. after the directory changed. */
  forget(prefix = ''): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}

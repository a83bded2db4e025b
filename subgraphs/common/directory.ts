import { ServiceUnavailableError } from './errors';

/**
 * Which agency codes the province's directory knows (open or closed), for refusing a token that names an
 * agency nobody registered. Asked of the province subgraph, as an anonymous caller; an agency found is kept
 * for ten minutes, one not found for ten seconds (a just-created agency is not kept waiting long).
 */
export class AgencyDirectory {
  private readonly known = new Map<string, { expires: number; answer: Promise<boolean> }>();

  /** `provinceUrl`: where the province subgraph answers GraphQL, read when first needed. */
  constructor(private readonly provinceUrl: () => string | undefined) {}

  knows(code: string): Promise<boolean> {
    const now = Date.now();
    const kept = this.known.get(code);
    if (kept && kept.expires > now) return kept.answer;
    const answer = this.ask(code);
    this.known.set(code, { expires: now + 10_000, answer });
    answer.then(
      (found) => found && this.known.set(code, { expires: Date.now() + 600_000, answer }),
      () => this.known.delete(code),
    );
    if (this.known.size > 10_000) this.known.delete(this.known.keys().next().value!);
    return answer;
  }

  private async ask(code: string): Promise<boolean> {
    let body: { data?: { agency: { code: string } | null }; errors?: unknown[] };
    const url = this.provinceUrl();
    if (!url) throw new ServiceUnavailableError('The agency directory cannot be reached to check the token; try again in a moment.');
    try {
      const response = await fetch(url, {
        method: 'POST',
        // `agency` is public: asked as nobody.
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ($code: ID!) { agency(code: $code) { code } }', variables: { code } }),
        signal: AbortSignal.timeout(5_000),
      });
      body = (await response.json()) as typeof body;
    } catch {
      throw new ServiceUnavailableError('The agency directory cannot be reached to check the token; try again in a moment.');
    }
    const refusals = (body.errors ?? []) as Array<{ extensions?: { code?: string } }>;
    if (refusals.length && refusals.every((error) => ['BAD_USER_INPUT', 'NOT_FOUND'].includes(String(error.extensions?.code)))) return false;
    if (refusals.length || !body.data) {
      throw new ServiceUnavailableError('The agency directory cannot be reached to check the token; try again in a moment.');
    }
    return body.data.agency !== null;
  }
}

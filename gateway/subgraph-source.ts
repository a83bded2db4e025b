import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import http from 'node:http';
import https from 'node:https';
import type { Histogram } from 'prom-client';
import { errorFields, logger, REQUEST_ID_HEADER } from '../subgraphs/common/log';
import type { GatewayContext } from '.';

const log = logger('gateway');

/**
 * How the gateway asks a subgraph: one POST over a kept-alive connection of node:http (a Unix socket's when
 * the subgraph runs on the same machine), the caller's own token passed on (the subgraph verifies it as the
 * gateway did: header propagation, the standard way any federation gateway serves the supergraph) with the
 * request's id. Apollo's RemoteGraphQLDataSource does the same through
 * a fetch API (node-fetch's Request and Headers, then undici's streams) that cost the gateway more CPU than
 * planning and merging together; the answer and its errors are the same.
 */

/** Connections are kept between requests; an idle one is closed before the subgraph's own 65 s (http.ts) can cut it under a request. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 60_000, scheduling: 'lifo', maxFreeSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 60_000, scheduling: 'lifo', maxFreeSockets: 64 }),
};

/** How long a subgraph may stay silent in the middle of an answer (undici's fetch, used before, waited 300 s for headers). */
const SILENT_SUBGRAPH_MS = 120_000;

interface Answer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POSTs `body` to `url`, or over the Unix socket `socketPath` (plain HTTP) to `url`'s path. */
function post(url: URL, headers: Record<string, string>, body: string, socketPath?: string): Promise<Answer> {
  const client = url.protocol === 'https:' && !socketPath ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: agents[client === https ? 'https:' : 'http:'],
        ...(socketPath ? { socketPath, protocol: 'http:' } : {}),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    // A subgraph that sends nothing for this long (stuck on a lock, say) fails the fetch, counted as `failed`.
    const where = socketPath ? 'the subgraph on its socket' : url.host;
    request.setTimeout(SILENT_SUBGRAPH_MS, () => request.destroy(new Error(`${where} sent nothing for ${SILENT_SUBGRAPH_MS / 1000} s`)));
    request.end(body);
  });
}

/** A connection that could not be made: nothing of the request was sent. */
const notConnected = (error: unknown) => (error as NodeJS.ErrnoException).syscall === 'connect';

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));

/** One subgraph, as the gateway's query plans fetch from it; each fetch is timed in `fetches` by its HTTP status (`failed`: no answer). */
export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  private readonly url: URL;

  constructor(
    url: string,
    private readonly name: string,
    private readonly fetches: Histogram<'subgraph' | 'outcome'>,
    /**
     * The subgraph's Unix socket, when it runs on this machine: the requests go there, to `url`'s path, and
     * to `url` itself while the socket cannot be reached (its file removed by a cleaner of temporary files).
     */
    private readonly socketPath?: string,
  ) {
    this.url = new URL(url);
  }

  /** When the log was last told that the socket did not connect, and how often it failed since. */
  private socketWarned = 0;
  private socketMisses = 0;

  private async send(headers: Record<string, string>, body: string): Promise<Answer> {
    if (!this.socketPath) return post(this.url, headers, body);
    try {
      return await post(this.url, headers, body, this.socketPath);
    } catch (error) {
      if (!notConnected(error)) throw error;
      // At most a line a minute: a socket whose queue is full (EAGAIN) fails among successes, under load.
      this.socketMisses++;
      if (Date.now() - this.socketWarned >= 60_000) {
        log.warn({ subgraph: this.name, times: this.socketMisses, error: errorFields(error) }, 'the subgraph’s socket did not connect; asking on its port');
        this.socketWarned = Date.now();
        this.socketMisses = 0;
      }
      return post(this.url, headers, body);
    }
  }

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    if (context.authorization) headers.authorization = context.authorization;
    if (context.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    const { query, variables, operationName, extensions } = request;
    if (!query) throw new Error('Missing query');

    const end = this.fetches.startTimer({ subgraph: this.name });
    let answer: Answer;
    try {
      answer = await this.send(headers, JSON.stringify({ query, variables, operationName, extensions }));
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
    end({ outcome: String(answer.status) });
    const contentType = answer.headers['content-type'];
    const body: unknown = isJson(contentType) ? JSON.parse(answer.body) : answer.body;
    if (answer.status < 200 || answer.status > 299) {
      const code = answer.status === 401 ? { code: 'UNAUTHENTICATED' } : answer.status === 403 ? { code: 'FORBIDDEN' } : {};
      throw new GraphQLError(`${answer.status}: ${answer.statusText}`, {
        extensions: { response: { url: this.url.href, status: answer.status, statusText: answer.statusText, body }, ...code },
      });
    }
    if (body === null || typeof body !== 'object') throw new Error(`Expected JSON response body, but received: ${String(body)}`);

    return body;
  }
}

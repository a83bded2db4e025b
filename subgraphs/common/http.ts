import type { Express } from 'express';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createSocketServer, type AddressInfo, type Server as SocketServer } from 'node:net';
import { errorFields, logger } from './log';

const log = logger('http');

export interface Listening {
  /** `http://host:port`, with the port the system chose when asked for 0. */
  origin: string;
  /** The Unix socket it listens on as well, if it was given one and could. */
  socketPath?: string;
  /** Why it could not listen on the socket it was given (it listens on the port alone then). */
  socketError?: Error;
  /**
   * Stops accepting work and lets the requests in flight finish, at most `graceMs`; connections still open
   * then are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `port` (0: any free port), and also on the Unix socket `socketPath` when one is given (the
 * gateway's way in when it runs on the same machine, scripts/subgraphs.ts); rejects when the port is taken.
 * The socket only spares CPU: when it cannot be had, the port alone serves and `socketError` says why.
 */
export async function listen(app: Express, port: number, host: string, socketPath?: string): Promise<Listening> {
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;
  const belongsToOneInFlight = (req: IncomingMessage) => {
    const id = req.headers['x-request-id'];
    return typeof id === 'string' && [...inFlight].some((res) => res.getHeader('x-request-id') === id);
  };
  const server = createServer((req, res) => {
    // While stopping, a request that belongs to one in flight (its x-request-id: a subgraph asking the graph
    // on its behalf) is still served; any other is answered 503 with `Connection: close`, for the load
    // balancer to send elsewhere.
    if (stopping && !belongsToOneInFlight(req)) {
      res.shouldKeepAlive = false;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ errors: [{ message: 'This process is stopping; send the request again.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
      return;
    }
    inFlight.add(res);
    if (stopping) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight.delete(res);
      if (stopping && inFlight.size === 0) drained?.();
    });
    app(req, res);
  });
  const listening = (on: SocketServer, start: (done: () => void) => void) =>
    new Promise<void>((resolve, reject) => {
      on.once('error', reject);
      start(() => {
        on.off('error', reject);
        resolve();
      });
    });
  await listening(server, (done) => server.listen(port, host, done));
  // The socket's connections are served by the same server (Node documents injecting them through its
  // 'connection' event), so that stopping below finishes and cuts them as it does the port's.
  // (http.Server allows half-open connections; so does this.)
  let local = socketPath === undefined ? undefined : createSocketServer({ allowHalfOpen: true }, (connection) => server.emit('connection', connection));
  const socketError = await (local && listening(local, (done) => local!.listen(socketPath, done)).catch((error: Error) => error));
  if (socketError) local = undefined;
  // A connection that cannot be accepted (out of file descriptors) is the listener's 'error': logged, not thrown.
  for (const listener of [server, local]) listener?.on('error', (error) => log.error({ error: errorFields(error) }, 'a connection could not be accepted'));
  // Keep idle connections longer than clients and load balancers do (Node's 5 s default loses that race,
  // and a client reusing a connection the server has just closed gets ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    ...(local ? { socketPath } : {}),
    ...(socketError ? { socketError } : {}),
    async close(graceMs = 10_000) {
      stopping = true;
      // Answers still to come close their connection; idle connections close now. The port stays open
      // until the requests in flight are done, for the requests made on their behalf.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, graceMs).unref();
        });
      }
      // Closing the socket's listener removes its file.
      const closed = Promise.all([new Promise((resolve) => server.close(resolve)), local && new Promise((resolve) => local.close(resolve))]);
      server.closeAllConnections();
      await closed;
    },
  };
}

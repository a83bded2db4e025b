import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** `http://host:port`, with the port the system chose when asked for 0. */
  origin: string;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free port); rejects when the port is taken. */
export async function listen(app: Express, port: number, host: string): Promise<Listening> {
  const server: Server = await new Promise((resolve, reject) => {
    // Express 5 hands a failed listen (port in use) to the callback.
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  // Keep idle connections longer than clients and load balancers do (Node's 5 s default loses that race,
  // and a client reusing a connection the server has just closed gets ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

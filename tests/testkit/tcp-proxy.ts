import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to a real server (PostgreSQL), which a test can cut (every connection dropped, new ones
 * refused) and restore on the same port: an outage without stopping the server other tests share.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const serve = (): Server =>
    createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  const open = (server: Server, port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  let server: Server | null = serve();
  await open(server, 0);
  const port = (server.address() as { port: number }).port;
  const shut = async () => {
    if (!server) return;
    const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    server = null;
    await closing;
  };
  return {
    port,
    cut: shut,
    async restore() {
      if (server) return;
      server = serve();
      await open(server, port);
    },
    close: shut,
  };
}

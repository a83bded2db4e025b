import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { gatewaySettings, startGateway, type RunningGateway } from '../../gateway';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/common/env';
import { DossierClient, officers } from '../testkit/dossiers';
import { postGraphQL, startTestHub, type TestHub } from '../testkit/hub';
import { freePort } from '../testkit/ports';

/**
 * On one machine (`npm start`) the gateway asks the subgraphs over Unix sockets, in a directory only the
 * hub's user may enter; their ports still answer everyone else, and the gateway itself when a socket is gone.
 * (Windows has no such sockets: the gateway uses the ports there.)
 */

const READ = `query ($code: ID!) { dossier(code: $code) { code status procedure { name } } }`;

/** The connected Unix sockets bound to `path`, as the kernel lists them (Linux's /proc/net/unix: …, St 03 = connected, Path). */
const connectionsTo = (path: string) =>
  readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .filter((line) => line.endsWith(` ${path}`) && line.trim().split(/\s+/)[5] === '03').length;

const describeOnUnix = process.platform === 'win32' ? describe.skip : describe;

describeOnUnix('the subgraphs on the gateway’s machine', () => {
  let hub: TestHub;
  let code: string;
  let who: ReturnType<typeof officers>;
  beforeAll(async () => {
    hub = await startTestHub({ localSockets: true });
    who = officers(hub);
    code = (await new DossierClient(hub).receiveLandTransfer(who.desk)).code;
  }, 60_000);
  afterAll(() => hub?.close());

  const each = (value: (name: SubgraphName) => string) => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, value(name)])) as Record<SubgraphName, string>;
  const sockets = () => each((name) => hub.subgraphs[name].socketPath!);
  const read = (url = hub.gateway.url) => postGraphQL(url, READ, { code }, { authorization: `Bearer ${who.supervisor}` });
  /** A second gateway in front of the hub's subgraphs, with their sockets and these addresses, for `use`. */
  const withGateway = async (urls: Record<SubgraphName, string>, use: (url: string) => Promise<void>) => {
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway({ ...gatewaySettings(hub.config), port: 0, subgraphUrls: urls, subgraphSockets: sockets() });
      await use(gateway.url);
    } finally {
      await gateway?.close();
    }
  };
  const expectRead = (answer: Awaited<ReturnType<typeof read>>) => {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.dossier).toMatchObject({ code, status: 'RECEIVED', procedure: { name: expect.stringMatching(/chuyển nhượng/) } });
  };

  it('each listen on a socket of their own, in a directory only the hub’s user may enter', () => {
    const paths = Object.values(sockets());
    const dir = dirname(paths[0]);
    expect(readdirSync(dir).sort()).toEqual(SUBGRAPH_NAMES.map((name) => `${name}.sock`).sort());
    expect(paths.every((socket) => dirname(socket) === dir && statSync(socket).isSocket())).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('are asked by the gateway over their sockets, and still answer on their ports', async () => {
    expectRead(await read());
    if (existsSync('/proc/net/unix')) {
      expect(connectionsTo(hub.subgraphs.onestop.socketPath!)).toBeGreaterThan(0);
      expect(connectionsTo(hub.subgraphs.province.socketPath!)).toBeGreaterThan(0);
    }
    const direct = await postGraphQL(hub.subgraphs.onestop.url, READ.replace(' procedure { name }', ''), { code }, { authorization: `Bearer ${who.supervisor}` });
    expect(direct).toMatchObject({ status: 200, data: { dossier: { code, status: 'RECEIVED' } } });
  });

  it('serve a gateway whose addresses for them lead nowhere, through their sockets', async () => {
    // The province's address stays: the gateway checks tokens against its agency directory there.
    const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
    const urls = each((name) => (name === 'province' ? hub.subgraphs.province.url : nowhere));
    await withGateway(urls, async (url) => expectRead(await read(url)));
  });

  it('one stopped: its socket is gone, the gateway says the service is unavailable, and it answers there again once back', async () => {
    const socket = hub.subgraphs.onestop.socketPath!;
    await hub.restartSubgraph('onestop', async () => {
      expect(existsSync(socket)).toBe(false);
      const down = await read();
      expect(down.errors?.[0]).toMatchObject({ message: expect.stringMatching(/unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(JSON.stringify(down.errors)).not.toMatch(/\.sock|mot-cua-hub-|ENOENT|ECONNREFUSED|127\.0\.0\.1/);
    });
    expect(hub.subgraphs.onestop.socketPath).toBe(socket);
    expect(statSync(socket).isSocket()).toBe(true);
    expectRead(await read());
    if (existsSync('/proc/net/unix')) expect(connectionsTo(socket)).toBeGreaterThan(0);
  });
  it('one whose socket was removed (a cleaner of temporary files) is asked on its port by a gateway that finds it gone', async () => {
    const socket = hub.subgraphs.onestop.socketPath!;
    unlinkSync(socket);
    await withGateway(each((name) => hub.subgraphs[name].url), async (url) => {
      expectRead(await read(url));
      expectRead(await read(url));
    });
  });
});

describeOnUnix('a hub that stops', () => {
  it('removes its sockets and their directory', async () => {
    const other = await startTestHub({ localSockets: true });
    let dir: string | undefined;
    try {
      dir = dirname(other.subgraphs.onestop.socketPath!);
      expect(existsSync(dir)).toBe(true);
    } finally {
      await other.close();
    }
    expect(existsSync(dir)).toBe(false);
  });
});

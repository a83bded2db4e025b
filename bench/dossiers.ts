import 'reflect-metadata';
import autocannon from 'autocannon';
import { issueToken } from '../gateway/auth';
import type { Identity } from '../subgraphs/common/auth';
import { env } from '../subgraphs/common/env';
import { documentsOf } from '../subgraphs/common/reference-data';
import { GraphClient } from '../subgraphs/common/graph-client';
import { ormConfig } from '../subgraphs/common/orm';
import { argument, graphqlBody, inPool, machine, startBenchHub } from './harness';
import { database as onestopDatabase } from '../subgraphs/onestop/mikro-orm.config';
import type { Deps } from '../subgraphs/onestop/dossier/change';
import * as service from '../subgraphs/onestop/dossier/processing';
import { receiveDossier } from '../subgraphs/onestop/dossier/reception';
import { Outcome } from '../subgraphs/onestop/rulebook/statuses';
import { MikroORM } from '@mikro-orm/postgresql';

/**
 * `npm run bench:dossiers`: the hub under load, through the gateway, as `npm start` runs it (one process
 * for the gateway and the five subgraphs), with the load generated from this process.
 *
 * 1. A working set of 1,000 recent dossiers (land transfers at the ten district desks, half of them at the
 *    land branches), entered through the service layer; read latencies measured.
 * 2. 99,000 finished dossiers of the past year added the same way (received, resolved, returned): the
 *    archive grows a hundredfold while the day's work stays the same; read latencies measured again.
 * 3. Throughput of receipts and of hand-over + acceptance pairs.
 *
 * DATABASE_URL: use that server; otherwise an embedded PostgreSQL under .data/bench-pg. Ports 4000–4005
 * must be free. Options: --history <n> (default 99000), --seconds <n> per measurement (default 10),
 * --reuse (measure the reads again on the database the last run left, without seeding).
 */

const DISTRICTS = ['BG.TPBG', 'BG.YENTHE', 'BG.TANYEN', 'BG.LANGGIANG', 'BG.LUCNAM', 'BG.LUCNGAN', 'BG.SONDONG', 'BG.YENDUNG', 'BG.VIETYEN', 'BG.HIEPHOA'];
const landBranchOf = (district: string) => district.replace('BG.', 'BG.VPDKDD.');
const LAND_TRANSFER_DOCUMENTS = documentsOf('BG-DD-CN');
const PERMIT_DOCUMENTS = documentsOf('BG-XD-GPXD');

const officer = (agency: string, roles: Identity['roles'], name = 'Cán bộ đo tải'): Identity => ({ sub: `${agency}:${roles.join('+')}`, name, agency, roles });
const applicant = (n: number) => ({ name: `Người nộp ${n}`, phone: `09${String(n % 100_000_000).padStart(8, '0')}`, address: 'Bắc Giang' });

class Seeder {
  constructor(private readonly orm: MikroORM, private readonly graph: GraphClient) {}

  private deps(actor: Identity, now: Date): Deps {
    return { em: this.orm.em.fork(), actor, now, graph: this.graph };
  }

  /** A land transfer received at a district desk; `toLand`: handed to and accepted by the land branch. */
  async landTransfer(n: number, district: string, at: Date, toLand: boolean): Promise<string> {
    const desk = officer(district, ['RECEPTIONIST']);
    const { code } = await receiveDossier(this.deps(desk, at), {
      procedure: 'BG-DD-CN',
      desk: district,
      applicant: applicant(n),
      documents: LAND_TRANSFER_DOCUMENTS,
    });
    if (toLand) {
      const later = new Date(at.getTime() + 3_600_000);
      await service.handOverDossier(this.deps(desk, later), code, landBranchOf(district), null);
      await service.acceptDossier(this.deps(officer(landBranchOf(district), ['PROCESSOR']), later), code);
    }
    return code;
  }

  /** A construction permit of the past: received, decided by the district itself, returned. */
  async finishedPermit(n: number, district: string, at: Date): Promise<void> {
    const { code } = await receiveDossier(this.deps(officer(district, ['RECEPTIONIST']), at), {
      procedure: 'BG-XD-GPXD',
      desk: district,
      applicant: applicant(n),
      documents: PERMIT_DOCUMENTS,
    });
    const decided = new Date(at.getTime() + 10 * 24 * 3_600_000);
    await service.recordResult(this.deps(officer(district, ['PROCESSOR']), decided), code, Outcome.APPROVED, null);
    await service.returnResult(this.deps(officer(district, ['RECEPTIONIST']), decided), code, `Người nộp ${n}`);
  }
}

interface Measure {
  name: string;
  url: string;
  headers: Record<string, string>;
  body?: () => string;
  pairs?: Array<{ headers: Record<string, string>; body: (context: Record<string, unknown>) => string }>;
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(spec: Measure, seconds: number): Promise<Figures> {
  const requests = spec.pairs
    ? spec.pairs.map((step) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json', ...step.headers },
        setupRequest: (request: any, context: Record<string, unknown>) => ({ ...request, body: step.body(context) }),
      }))
    : [
        {
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...spec.headers },
          setupRequest: (request: any) => ({ ...request, body: spec.body!() }),
        },
      ];
  const result = await autocannon({ url: spec.url, connections: 10, duration: seconds, requests } as autocannon.Options);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

async function main(): Promise<void> {
  const config = env();
  const seconds = argument('seconds', 10);
  const history = argument('history', 99_000);
  const reuse = process.argv.includes('--reuse');
  const hub = await startBenchHub('motcua_bench', { reuse });
  const { databaseUrl, gateway } = hub;
  // The seeder's own commits need not wait for the disk; the hub's stay durable.
  const orm = await MikroORM.init({
    ...ormConfig(onestopDatabase, { databaseUrl, poolMax: 12 }),
    pool: { min: 0, max: 12, afterCreate: (connection: any, done: (error: unknown, connection: unknown) => void) => connection.query('set synchronous_commit = off', (error: unknown) => done(error, connection)) },
  });
  try {
    const seeder = new Seeder(orm, new GraphClient(() => `${gateway}/graphql`, config.identitySecret, { sub: 'hub:bench', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] }));
    const bearer = (agency: string, roles: Identity['roles']) => ({ authorization: `Bearer ${issueToken({ agency, roles, name: 'Cán bộ đo tải', expiresIn: '2h' }, config.jwtSecret)}` });
    const supervisor = bearer('BG.SNV', ['SUPERVISOR']);
    const today = new Date();
    const results: Array<[string, string, Figures]> = [];
    const printResults = () => {
      console.log(`\nMachine: ${machine()}; ${seconds} s per line, 10 connections.`);
      console.log('| dossiers | operation | req/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
      for (const [size, name, figures] of results) {
        console.log(`| ${size} | ${name} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} | ${figures.p99} |${figures.errors ? ` ${figures.errors} errors` : ''}`);
      }
    };
    const run = async (size: string, spec: Measure) => {
      const figures = await measure(spec, seconds);
      results.push([size, spec.name, figures]);
      console.log(`  ${size} ${spec.name}: ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms${figures.errors ? `, ${figures.errors} errors` : ''}`);
    };

    const codes: string[] = [];
    const reads = async (size: string): Promise<void> => {
        await run(size, {
          name: 'dossier(code) with procedure, desk and holder names, via gateway',
          url: `${gateway}/graphql`,
          headers: supervisor,
          body: () => graphqlBody('query ($code: ID!) { dossier(code: $code) { code status procedure { name } desk { name } holder { name } } }', { code: pick(codes) }),
        });
        const direct = config.subgraphUrls.onestop;
        await run(size, {
          name: 'dossier(code), directly at onestop (the same token)',
          url: direct,
          headers: supervisor,
          body: () => graphqlBody('query ($code: ID!) { dossier(code: $code) { code status procedure { code } desk { code } holder { code } } }', { code: pick(codes) }),
        });
        await run(size, {
          name: 'inbox: 50-row page of a land branch',
          url: `${gateway}/graphql`,
          headers: supervisor,
          body: () =>
            graphqlBody('query ($code: ID!) { agency(code: $code) { inbox(first: 50) { totalCount edges { node { code dueAt status } } } } }', {
              code: landBranchOf(pick(DISTRICTS)),
            }),
        });
        await run(size, {
          name: 'dossiers(filter: desk + status), 20 rows and total',
          url: `${gateway}/graphql`,
          headers: supervisor,
          body: () =>
            graphqlBody('query ($desk: ID!) { dossiers(filter: { desk: $desk, status: IN_PROGRESS }, first: 20) { totalCount edges { node { code } } } }', {
              desk: pick(DISTRICTS),
            }),
        });
    };
    if (reuse) {
      const rows = await orm.em.getConnection().execute<Array<{ code: string }>>(
        `select code from onestop.dossier where procedure_code = 'BG-DD-CN' and desk_code <> 'BG.TANYEN' order by received_at desc limit 1000`,
      );
      codes.push(...rows.map((row) => row.code));
      const [{ count }] = await orm.em.getConnection().execute<Array<{ count: string }>>('select count(*) from onestop.dossier');
      console.log(`Reads with ${Number(count).toLocaleString('en')} dossiers (reused):`);
      await reads(`${Number(count).toLocaleString('en')} (reused)`);
      return printResults();
    }
    console.log('Seeding the working set through the service layer…');
    await inPool(
      1000,
      8,
      async (n) => {
        const at = new Date(today.getTime() - (1 + (n % 10)) * 24 * 3_600_000);
        codes.push(await seeder.landTransfer(n, DISTRICTS[n % DISTRICTS.length], at, n % 2 === 0));
      },
      'recent land transfers',
    );


    console.log(`Reads with ${codes.length} dossiers:`);
    await reads('1,000');

    console.log(`Adding ${history} finished dossiers of the past year through the service layer…`);
    await inPool(
      history,
      12,
      (n) => seeder.finishedPermit(1000 + n, DISTRICTS[n % DISTRICTS.length], new Date(today.getTime() - (30 + (n % 300)) * 24 * 3_600_000)),
      'finished permits',
    );
    await orm.em.getConnection().execute('analyze');
    console.log(`Reads with ${(history + 1000).toLocaleString('en')} dossiers:`);
    await reads((history + 1000).toLocaleString('en'));

    console.log('Writes:');
    await run('-', {
      name: 'receiveDossier through the gateway',
      url: `${gateway}/graphql`,
      headers: bearer('BG.YENTHE', ['RECEPTIONIST']),
      body: () =>
        graphqlBody('mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }', {
          input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: applicant(Math.floor(Math.random() * 1e6)), documents: LAND_TRANSFER_DOCUMENTS },
        }),
    });
    const waiting: string[] = [];
    await inPool(4000, 8, async (n) => waiting.push(await seeder.landTransfer(500_000 + n, 'BG.TANYEN', today, false)), 'dossiers at the Tân Yên desk');
    await run('-', {
      name: 'handOverDossier + acceptDossier (2 requests per pair)',
      url: `${gateway}/graphql`,
      headers: {},
      pairs: [
        {
          headers: bearer('BG.TANYEN', ['RECEPTIONIST']),
          body: (context) => {
            context.code = waiting.pop();
            return graphqlBody('mutation ($code: ID!) { handOverDossier(code: $code, to: "BG.VPDKDD.TANYEN") { code } }', { code: context.code });
          },
        },
        {
          headers: bearer('BG.VPDKDD.TANYEN', ['PROCESSOR']),
          body: (context) => graphqlBody('mutation ($code: ID!) { acceptDossier(code: $code) { code } }', { code: context.code }),
        },
      ],
    });

    printResults();
  } finally {
    await orm.close();
    await hub.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

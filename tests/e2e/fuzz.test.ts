import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { APPLICANT, aDossierAtLeg, aReceivedDossier, hubFootprint, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';
import type { GraphQLResponse } from '../testkit/hub';
import { introspect, knownValues, rootOperations, type RootOperation } from '../testkit/schema-inputs';

/**
 * Every query and mutation of the served schema, with arguments fast-check generates from their types
 * (the hub's own codes mixed with control characters, SQL, huge text and numbers, impossible instants),
 * sent as officers of several roles and as nobody. Whatever the input, the hub answers with a coded
 * refusal or a result: never INTERNAL_SERVER_ERROR, never HTTP 5xx, never SQL or a stack trace; and a
 * refused mutation leaves every table as it was.
 *
 * Fixed seed and a bounded count in CI; `npm run fuzz -- --runs N --seed S` for more (HUB_FUZZ_RUNS: calls
 * per operation, HUB_FUZZ_SEED).
 */
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 3);
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20261202);
/** A call with its footprint takes well under a second; a minute per call per operation is a generous bound. */
const TIMEOUT_MS = Math.max(600_000, RUNS * 60_000);

/** What must never reach a caller: SQL, the database's own words, a stack frame or a source path. */
const LEAK = /\b(select|insert into|update|delete from)\b[^"]{0,80}\b(from|where|values|set)\b|violates|syntax error at|invalid input syntax|invalid byte sequence|does not exist\b.*relation|relation ".*"|ECONNREFUSED|node_modules|\bat [\w.<>]+ \(|\.(ts|js):\d+:\d+/i;

interface Finding {
  operation: string;
  problem: string;
  variables: string;
}

describe('the hub under generated input', () => {
  const context = useDossierHub('2026-03-02T09:00:00+07:00', () => ({ publicRateLimit: 0 }));
  const { hub } = context;
  let schema: GraphQLSchema;
  let operations: RootOperation[];
  let tokens: Array<string | undefined>;
  const findings: Finding[] = [];

  beforeAll(async () => {
    const { who } = context;
    schema = await introspect(hub, who.supervisor);
    // Dossiers at several points of their life, so that generated codes reach past "not found".
    const codes = [
      (await aReceivedDossier(context, '2026-03-02T09:00:00+07:00')).code,
      (await aDossierAtLeg(context, 2, '2026-03-02T09:30:00+07:00')).code,
      (await aDossierAtLeg(context, 3, '2026-03-02T10:00:00+07:00')).code,
    ];
    operations = rootOperations(
      schema,
      knownValues({
        ids: codes,
        strings: [...codes, ...LAND_TRANSFER_DOCUMENTS, ...Object.values(APPLICANT)],
        byName: { code: codes, dossier: codes, submitted: codes, documents: LAND_TRANSFER_DOCUMENTS, items: LAND_TRANSFER_DOCUMENTS, phone: [APPLICANT.phone] },
      }),
    );
    tokens = [who.supervisor, who.desk, who.deskProcessor, who.land, who.tax, hub.token('BG.YENTHE', ['SYSTEM'], 'Phần mềm một cửa'), hub.token('BG.KBNN', ['PROCESSOR'], 'Kho bạc'), undefined];
  }, 120_000);

  function check(operation: RootOperation, variables: Record<string, unknown>, response: GraphQLResponse): string[] {
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`HTTP ${response.status}`);
    for (const error of response.errors ?? []) {
      const code = error.extensions?.code;
      if (!code || code === 'INTERNAL_SERVER_ERROR') problems.push(`${code ?? 'no code'}: ${error.message.slice(0, 300)}`);
    }
    const text = JSON.stringify({ errors: response.errors });
    const leak = LEAK.exec(text.replace(JSON.stringify(variables).slice(1, -1), ''));
    if (leak) problems.push(`leaks "${leak[0]}" in ${text.slice(Math.max(0, leak.index - 120), leak.index + 120)}`);
    return problems;
  }

  const record = (operation: RootOperation, variables: Record<string, unknown>, problems: string[]) => {
    for (const problem of problems) findings.push({ operation: `${operation.kind} ${operation.name}`, problem, variables: JSON.stringify(variables).slice(0, 400) });
  };

  const samples = (operation: RootOperation, index: number, runs: number) =>
    fc.sample(fc.tuple(operation.args, fc.nat({ max: tokens.length - 1 })), { seed: SEED + index, numRuns: runs });

  it('answers every query with data or a coded refusal, and leaks nothing', async () => {
    const start = findings.length;
    const answered = new Set<string>();
    const queries = operations.filter((operation) => operation.kind === 'query');
    expect(queries.length).toBeGreaterThan(20);
    for (const [index, operation] of queries.entries()) {
      // A query writes nothing and needs no footprint: it gets more calls for the same time.
      for (const [position, [variables, who]] of samples(operation, index, RUNS * 3).entries()) {
        // Every other call writes its arguments into the operation as literals: both paths parse input.
        const inline = position % 2 === 1 ? operation.inline(variables) : null;
        const response = await hub.gql(inline ?? operation.document, inline ? {} : variables, tokens[who]);
        if (response.data?.[operation.name] != null) answered.add(operation.name);
        record(operation, variables, check(operation, variables, response));
      }
    }
    expect(findings.slice(start)).toEqual([]);
    // The generated input reaches past the refusals: most queries answer some of it.
    expect(answered.size).toBeGreaterThan(queries.length / 2);
  }, TIMEOUT_MS);

  it('answers every mutation with a result or a coded refusal that wrote nothing, and leaks nothing', async () => {
    const start = findings.length;
    const answered = new Set<string>();
    const mutations = operations.filter((operation) => operation.kind === 'mutation');
    expect(mutations.length).toBeGreaterThan(20);
    let before = await hubFootprint(hub);
    for (const [index, operation] of mutations.entries()) {
      for (const [position, [variables, who]] of samples(operation, 1000 + index, RUNS).entries()) {
        const inline = position % 2 === 1 ? operation.inline(variables) : null;
        const response = await hub.gql(inline ?? operation.document, inline ? {} : variables, tokens[who]);
        const problems = check(operation, variables, response);
        const after = await hubFootprint(hub);
        if (response.data?.[operation.name] != null) answered.add(operation.name);
        else {
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length > 0) problems.push(`refused (${response.errors?.[0]?.extensions?.code}) but changed ${changed.join(', ')}`);
        }
        record(operation, variables, problems);
        before = after;
      }
    }
    expect(findings.slice(start)).toEqual([]);
    expect(answered.size).toBeGreaterThan(0);
  }, TIMEOUT_MS);
});

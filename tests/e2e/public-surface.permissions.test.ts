import type { GraphQLSchema } from 'graphql';
import { APPLICANT, useDossierHub } from '../testkit/dossiers';
import { introspect, knownValues, plainArguments, rootOperations, type RootOperation } from '../testkit/schema-inputs';

/**
 * What a caller without a token may read (README, "Who may read what"): the directory and the catalogue,
 * the registers' public reads, the working calendar, deadlines, administrative units, and a dossier's
 * tracking by its code and phone. Everything else — dossiers, ledgers, statistics, tax notices, and the
 * land register with its holders' names — answers UNAUTHENTICATED. The one public write is rating a
 * returned dossier's service.
 */
const PUBLIC_QUERIES = [
  'administrativeUnit',
  'administrativeUnits',
  'agencies',
  'agency',
  'deadline',
  'officeHours',
  'procedure',
  'procedures',
  'registrar',
  'reorganization',
  'reorganizations',
  'trackDossier',
  'workingCalendar',
  'workingCalendarHistory',
  'workingCalendars',
];
const PUBLIC_MUTATIONS = ['rateService'];

describe('the public surface', () => {
  const { hub, dossiers, who } = useDossierHub('2026-03-02T09:00:00+07:00');
  let schema: GraphQLSchema;
  let operations: RootOperation[];
  let dossierCode: string;

  beforeAll(async () => {
    schema = await introspect(hub, who.supervisor);
    operations = rootOperations(schema, knownValues());
    dossierCode = (await dossiers.receiveLandTransfer(who.desk)).code;
  });

  const anonymously = (operation: RootOperation) => hub.gql(operation.document, plainArguments(schema, operation.kind, operation.name));

  it('answers every public query to a caller without a token', async () => {
    const answers: string[] = [];
    for (const operation of operations.filter((op) => op.kind === 'query' && PUBLIC_QUERIES.includes(op.name))) {
      const response = await anonymously(operation);
      answers.push(`${operation.name}: ${response.status} ${response.errors?.map((error) => error.extensions?.code).join(',') ?? 'ok'}`);
    }
    expect(answers.sort()).toEqual(PUBLIC_QUERIES.map((name) => `${name}: 200 ok`));
  });

  it('refuses every other query and every other mutation with UNAUTHENTICATED, today’s and tomorrow’s', async () => {
    const others = operations.filter((op) => !(op.kind === 'query' ? PUBLIC_QUERIES : PUBLIC_MUTATIONS).includes(op.name));
    expect(others.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const operation of others) {
      const response = await anonymously(operation);
      answers.push(`${operation.kind} ${operation.name}: ${response.errors?.[0]?.extensions?.code ?? 'answered'}${response.data?.[operation.name] ? ' with data' : ''}`);
    }
    expect(answers).toEqual(others.map((operation) => `${operation.kind} ${operation.name}: UNAUTHENTICATED`));
  });

  it('keeps the land register’s holders from anonymous callers, and shows them to officers', async () => {
    const query = `{ parcels(commune: "BG.YENTHE.CAUGO") { holder } }`;
    expect((await hub.gql(query)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await hub.gql(query, {}, who.land)).errors).toBeUndefined();
  });

  it('tracks a dossier for a citizen with its code and phone, and tells nothing without the phone', async () => {
    const track = (phone: string) => hub.gql(`query ($code: ID!, $phone: String!) { trackDossier(code: $code, phone: $phone) { status } }`, { code: dossierCode, phone });
    expect((await track(APPLICANT.phone)).data.trackDossier).toEqual({ status: 'RECEIVED' });
    expect((await track('0900 000 000')).data.trackDossier).toBeNull();
  });
});

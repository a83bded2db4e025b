import { documentsOf } from '../../subgraphs/common/reference-data';
import { serviceAuthorization } from '../../subgraphs/common/tokens';
import { aReceivedDossier, eventually, useDossierHub } from '../testkit/dossiers';
import { TEMPLATE_AS_OF } from '../testkit/database';
import type { TestHub } from '../testkit/hub';
import { startSubgraphReplica, type Replica } from '../testkit/replica';

/**
 * The names of the agencies and the procedure a dossier points at are the registers' names at the request's
 * time, whoever answers them: the province from its registers kept in memory, or onestop (`@provides`) from its
 * copy, kept until the province's feed shows a change. A rename shows at once at the province, and on the
 * dossier once onestop has seen the province's message; the names at receipt do not change.
 */

const SOURCE = 'Quyết định số 2/QĐ-KT ngày 01/12/2026 (kiểm thử)';
const REASON = 'Kiểm thử tên trong danh mục';

/** A second province, in a process of its own (as `npm run start:province` runs it), over the same database. */
function startProvinceReplica(hub: TestHub): Promise<Replica> {
  return startSubgraphReplica(hub, 'province', {
    HUB_DB_POOL_MAX: '2',
    // The directory the test databases are made with: its start loads nothing more.
    HUB_DIRECTORY_AS_OF: TEMPLATE_AS_OF,
    HUB_URL_LOCAL: hub.subgraphs.local.url,
  });
}

describe('names of the registers on a dossier', () => {
  const context = useDossierHub('2026-12-01T09:00:00+07:00');
  const { hub, clock } = context;
  const registrar = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const NAMES = `query ($code: ID!) { dossier(code: $code) {
    deskName procedureName desk { name } holder { name } procedure { name } legs { agency { code name } } transfers { to { name } }
  } }`;
  const namesOf = async (code: string) => {
    const response = await hub.gql(NAMES, { code }, registrar());
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data.dossier;
  };
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const response = await hub.gql(query, variables, registrar());
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };

  it('gives the same names as the province, and follows a rename and a new version without touching the names at receipt', async () => {
    const { code } = await aReceivedDossier(context, '2026-12-01T09:00:00+07:00');
    const before = await namesOf(code);
    const province = await ok(`{ desk: agency(code: "BG.YENTHE") { name } land: agency(code: "BG.VPDKDD.YENTHE") { name } procedure(code: "BG-DD-CN") { name } }`, {});
    expect(before).toMatchObject({
      deskName: province.desk.name,
      desk: { name: province.desk.name },
      holder: { name: province.desk.name },
      procedureName: province.procedure.name,
      procedure: { name: province.procedure.name },
    });
    expect(before.legs.find((leg: any) => leg.agency.code === 'BG.VPDKDD.YENTHE').agency.name).toBe(province.land.name);

    const renamed = 'UBND huyện Yên Thế (tên kiểm thử)';
    await ok(`mutation ($code: ID!, $input: AmendAgencyInput!) { amendAgency(code: $code, input: $input) { code } }`, {
      code: 'BG.YENTHE',
      input: { name: renamed, effectiveAt: '2026-12-01T10:00:00+07:00', reason: REASON, source: SOURCE },
    });
    // Not yet in force: the name now is the old one, at the province and on the dossier alike.
    expect((await ok(`{ agency(code: "BG.YENTHE") { name } }`, {})).agency.name).toBe(province.desk.name);
    clock.set('2026-12-01T10:30:00+07:00');
    // The province's own commit dropped what it kept: the new name at once.
    expect((await ok(`{ agency(code: "BG.YENTHE") { name } }`, {})).agency.name).toBe(renamed);
    await eventually(async () => expect((await namesOf(code)).desk).toEqual({ name: renamed }));
    expect(await namesOf(code)).toMatchObject({ deskName: province.desk.name, holder: { name: renamed } });

    const version = {
      effectiveFrom: '2026-12-01T11:00:00+07:00',
      name: 'Đăng ký biến động quyền sử dụng đất do chuyển nhượng (tên kiểm thử)',
      field: 'Đất đai',
      processingDays: 10,
      documents: documentsOf('BG-DD-CN'),
      receivingTiers: ['DISTRICT'],
      anyDesk: false,
      route: [{ agency: '@DESK', workingDays: 10, task: 'Giải quyết hồ sơ' }],
      reason: REASON,
      source: SOURCE,
    };
    await ok(`mutation ($code: ID!, $input: ProcedureVersionInput!) { publishProcedureVersion(code: $code, input: $input) { code } }`, { code: 'BG-DD-CN', input: version });
    clock.set('2026-12-01T11:30:00+07:00');
    expect((await ok(`{ procedure(code: "BG-DD-CN") { name } }`, {})).procedure.name).toBe(version.name);
    await eventually(async () => expect((await namesOf(code)).procedure).toEqual({ name: version.name }));
    expect((await namesOf(code)).procedureName).toBe(province.procedure.name);
  });

  describe('at another province replica', () => {
    let replica: Replica | undefined;
    afterAll(() => {
      if (replica?.process.exitCode === null) replica.process.kill('SIGKILL');
    });

    it('answers a rename made at the first once its outbox shows the change, never the old name for ever', async () => {
      replica = await startProvinceReplica(hub);
      const nameAtReplica = async () => {
        const response = await fetch(replica!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agency(code: "BG.STP") { name } }' }) });
        return ((await response.json()) as { data: { agency: { name: string } } }).data.agency.name;
      };
      // Read once, so that the replica keeps the registers in memory.
      const before = await nameAtReplica();
      expect(before).toBe((await ok(`{ agency(code: "BG.STP") { name } }`, {})).agency.name);
      const renamed = 'Sở Tư pháp tỉnh Bắc Giang (tên kiểm thử)';
      await ok(`mutation ($code: ID!, $input: AmendAgencyInput!) { amendAgency(code: $code, input: $input) { code } }`, {
        code: 'BG.STP',
        input: { name: renamed, effectiveAt: '2026-12-01T11:45:00+07:00', reason: REASON, source: SOURCE },
      });
      // The replica's own clock is the machine's: the change took effect before it.
      await eventually(async () => expect(await nameAtReplica()).toBe(renamed));
    });
  });
  describe('at a province replica that has not looked at the outbox since', () => {
    let replica: Replica | undefined;
    afterAll(() => {
      if (replica?.process.exitCode === null) replica.process.kill('SIGKILL');
    });

    it('answers the hub’s own components with every change whose message is in the outbox, at once', async () => {
      // It looks at the outbox for other processes' changes every ten minutes: not during this test.
      replica = await startSubgraphReplica(hub, 'province', {
        HUB_DB_POOL_MAX: '2',
        HUB_DIRECTORY_AS_OF: TEMPLATE_AS_OF,
        HUB_URL_LOCAL: hub.subgraphs.local.url,
        HUB_EVENT_POLL_MS: '600000',
      });
      // onestop, as it reads the directory after a register message.
      const onestop = await serviceAuthorization({ sub: 'hub:onestop', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] }, hub.config.identitySecret);
      const nameAtReplica = async () => {
        const response = await fetch(replica!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...onestop },
          body: JSON.stringify({ query: '{ agency(code: "BG.VPDKDD") { name } }' }),
        });
        return ((await response.json()) as { data: { agency: { name: string } } }).data.agency.name;
      };
      expect(await nameAtReplica()).toBe((await ok(`{ agency(code: "BG.VPDKDD") { name } }`, {})).agency.name);
      const renamed = 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang (tên kiểm thử)';
      await ok(`mutation ($code: ID!, $input: AmendAgencyInput!) { amendAgency(code: $code, input: $input) { code } }`, {
        code: 'BG.VPDKDD',
        input: { name: renamed, effectiveAt: '2026-12-01T11:50:00+07:00', reason: REASON, source: SOURCE },
      });
      // The replica's own clock is the machine's: the change took effect before it.
      expect(await nameAtReplica()).toBe(renamed);
    });
  });
});

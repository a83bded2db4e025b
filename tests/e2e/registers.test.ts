import { documentsOf } from '../../subgraphs/common/reference-data';
import { APPLICANT, eventually, hubFootprint, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';

/**
 * The province's registers kept by its registrar (BG.SNV in the reference data): agencies, reorganisations,
 * the procedure catalogue and the working calendar, each change dated, reasoned and sourced, kept as history.
 * Decisions here are this test's own (“kiểm thử”), not the province's.
 */

const SOURCE = 'Quyết định số 1/QĐ-KT ngày 01/12/2026 (kiểm thử)';
const REASON = 'Kiểm thử danh mục';

const MUTATIONS = {
  createAgency: `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { code name validFrom history { seq kind effectiveAt name reason source recordedBy } } }`,
  amendAgency: `mutation ($code: ID!, $input: AmendAgencyInput!) { amendAgency(code: $code, input: $input) { code name address history { seq kind effectiveAt name address reason source } } }`,
  reorganize: `mutation ($input: ReorganizationInput!) { reorganize(input: $input) { id effectiveAt source changes { agency { code } kind } unitsCreated unitsMerged } }`,
  publish: `mutation ($code: ID!, $input: ProcedureVersionInput!) { publishProcedureVersion(code: $code, input: $input) { code version versions { version effectiveFrom processingDays documents source } } }`,
  setCalendar: `mutation ($input: WorkingCalendarInput!) { setWorkingCalendar(input: $input) { year confirmed source version daysOff { date name } } }`,
  setHours: `mutation ($input: OfficeHoursInput!) { setOfficeHours(input: $input) { seasons { name sessions } } }`,
} as const;

describe('the registers of the province', () => {
  const { hub, dossiers, clock } = useDossierHub('2026-12-01T09:00:00+07:00');
  const registrar = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  /** Runs a register mutation as `token` (the registrar's supervisor by default; '' for nobody). */
  const run = (name: keyof typeof MUTATIONS, variables: Record<string, unknown>, token: string = registrar()) => hub.gql(MUTATIONS[name], variables, token);
  const ok = async (name: keyof typeof MUTATIONS, variables: Record<string, unknown>) => {
    const response = await run(name, variables);
    if (response.errors) throw new Error(`${name} failed: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data)[0] as any;
  };
  const codeOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0].extensions?.code;

  const NEW_AGENCY = {
    code: 'BG.TTKT',
    name: 'Trung tâm kiểm thử tỉnh Bắc Giang',
    tier: 'PROVINCE_DEPARTMENT',
    parent: 'BG.UBND',
    hasDesk: true,
    effectiveAt: '2026-12-15T00:00:00+07:00',
    reason: REASON,
    source: SOURCE,
  };
  const PERMIT = {
    effectiveFrom: '2026-12-02T00:00:00+07:00',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    field: 'Xây dựng',
    processingDays: 12,
    documents: [...documentsOf('BG-XD-GPXD'), 'Bản kê khai kinh nghiệm của tổ chức thiết kế (nếu có)', 'Cam kết bảo đảm an toàn công trình liền kề'],
    receivingTiers: ['DISTRICT'],
    anyDesk: false,
    route: [{ agency: '@DESK', workingDays: 12, task: 'Thẩm định hồ sơ, kiểm tra thực địa, cấp giấy phép' }],
    reason: REASON,
    source: SOURCE,
  };
  const CALENDAR_2027 = {
    year: 2027,
    daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch' }],
    workingSaturdays: [],
    confirmed: true,
    source: SOURCE,
  };

  it('names its registrar to anyone, and lets nobody else change a register', async () => {
    expect((await hub.gql(`{ registrar { code name } }`)).data.registrar).toEqual({ code: 'BG.SNV', name: 'Sở Nội vụ tỉnh Bắc Giang' });
    const before = await hubFootprint(hub);
    const attempts: Array<[keyof typeof MUTATIONS, Record<string, unknown>]> = [
      ['createAgency', { input: NEW_AGENCY }],
      ['amendAgency', { code: 'BG.STP', input: { name: 'Tên khác', effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE } }],
      ['reorganize', { input: { effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE, registrar: 'BG.STP' } }],
      ['publish', { code: 'BG-XD-GPXD', input: PERMIT }],
      ['setCalendar', { input: CALENDAR_2027 }],
      ['setHours', { input: { seasons: [{ name: 'all', from: '01-01', to: '12-31', sessions: ['08:00-12:00', '13:00-17:00'] }], source: SOURCE } }],
    ];
    for (const [name, variables] of attempts) {
      expect(codeOf(await run(name, variables, ''))).toBe('UNAUTHENTICATED');
      for (const token of [hub.token('BG.SNV', ['PROCESSOR']), hub.token('BG.UBND', ['SUPERVISOR']), hub.token('BG.SNV', ['SYSTEM'])]) {
        expect([name, codeOf(await run(name, variables, token))]).toEqual([name, 'FORBIDDEN']);
      }
    }
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('refuses bad input with BAD_USER_INPUT, naming the field, and writes nothing', async () => {
    const before = await hubFootprint(hub);
    const cases: Array<[string, keyof typeof MUTATIONS, Record<string, unknown>, string]> = [
      ['a code already used', 'createAgency', { input: { ...NEW_AGENCY, code: 'BG.STP' } }, 'input.code'],
      ['a code that is not one', 'createAgency', { input: { ...NEW_AGENCY, code: 'BG TT/1' } }, 'input.code'],
      ['no name', 'createAgency', { input: { ...NEW_AGENCY, name: '  ' } }, 'input.name'],
      ['an unknown parent', 'createAgency', { input: { ...NEW_AGENCY, parent: 'BG.KHONGCO' } }, 'input.parent'],
      ['a sector for a department', 'createAgency', { input: { ...NEW_AGENCY, sector: 'TAX' } }, 'input.sector'],
      ['a service area for a department', 'createAgency', { input: { ...NEW_AGENCY, serviceArea: ['BG.YENTHE'] } }, 'input.serviceArea'],
      ['a date years ahead', 'createAgency', { input: { ...NEW_AGENCY, effectiveAt: '2029-12-15T00:00:00+07:00' } }, 'input.effectiveAt'],
      ['a date before the directory', 'createAgency', { input: { ...NEW_AGENCY, effectiveAt: '2014-12-15T00:00:00+07:00' } }, 'input.effectiveAt'],
      ['no source', 'createAgency', { input: { ...NEW_AGENCY, source: ' ' } }, 'input.source'],
      ['an unknown agency', 'amendAgency', { code: 'BG.KHONGCO', input: { name: 'X', effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE } }, 'input.code'],
      ['a change of nothing', 'amendAgency', { code: 'BG.STP', input: { name: 'Sở Tư pháp tỉnh Bắc Giang', effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE } }, 'input'],
      ['belonging to itself', 'amendAgency', { code: 'BG.STP', input: { parent: 'BG.STP', effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE } }, 'input.parent'],
      ['a decision of nothing', 'reorganize', { input: { effectiveAt: '2026-12-01T00:00:00+07:00', reason: REASON, source: SOURCE } }, 'input'],
      ['legs that do not add up', 'publish', { code: 'BG-XD-GPXD', input: { ...PERMIT, processingDays: 15 } }, 'input.route'],
      ['no documents', 'publish', { code: 'BG-XD-GPXD', input: { ...PERMIT, documents: [] } }, 'input.documents'],
      ['an unknown agency on the route', 'publish', { code: 'BG-XD-GPXD', input: { ...PERMIT, route: [{ agency: 'BG.KHONGCO', workingDays: 12, task: 'x' }] } }, 'input.route[0].agency'],
      ['a weekend day off', 'setCalendar', { input: { ...CALENDAR_2027, daysOff: [{ date: '2027-01-02', name: 'Thứ Bảy' }] } }, 'input.daysOff[0].date'],
      ['a working Saturday that is a Monday', 'setCalendar', { input: { ...CALENDAR_2027, workingSaturdays: [{ date: '2027-01-04', name: 'x' }] } }, 'input.workingSaturdays[0].date'],
      ['a day of another year', 'setCalendar', { input: { ...CALENDAR_2027, daysOff: [{ date: '2028-01-03', name: 'x' }] } }, 'input.daysOff[0].date'],
      ['office hours of unequal days', 'setHours', { input: { seasons: [{ name: 'a', from: '01-01', to: '06-30', sessions: ['08:00-12:00'] }, { name: 'b', from: '07-01', to: '12-31', sessions: ['08:00-17:00'] }], source: SOURCE } }, 'input.seasons'],
    ];
    for (const [what, name, variables, field] of cases) {
      const response = await run(name, variables);
      expect([what, codeOf(response)]).toEqual([what, 'BAD_USER_INPUT']);
      expect([what, Object.keys(response.errors?.[0].extensions?.fields ?? {})]).toEqual([what, expect.arrayContaining([field])]);
    }
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('sets up an agency from a date ahead; it operates from then on, and its history says on what decision', async () => {
    const created = await ok('createAgency', { input: NEW_AGENCY });
    expect(created).toEqual({
      code: 'BG.TTKT',
      name: 'Trung tâm kiểm thử tỉnh Bắc Giang',
      validFrom: '2026-12-15T00:00:00+07:00',
      history: [{ seq: 1, kind: 'CREATED', effectiveAt: '2026-12-15T00:00:00+07:00', name: 'Trung tâm kiểm thử tỉnh Bắc Giang', reason: REASON, source: SOURCE, recordedBy: 'Vũ Quang Huy' }],
    });
    // Not yet operating: nothing can be handed to it or closed into it before its date.
    const into = await run('reorganize', { input: { effectiveAt: '2026-12-10T00:00:00+07:00', reason: REASON, source: SOURCE, close: [{ code: 'BG.SGTVT', successors: [{ agency: 'BG.TTKT' }] }] } });
    expect(into.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'close[0].successors[0].agency': expect.stringContaining('does not operate on 2026-12-10') } });
  });

  it('renames an agency from a date: each instant has its name, and the history keeps every one in order', async () => {
    await ok('amendAgency', { code: 'BG.SCT', input: { address: 'Số 1 đường kiểm thử', phone: '0204 3 000 000', effectiveAt: '2026-06-01T00:00:00+07:00', reason: REASON, source: SOURCE } });
    const renamed = await ok('amendAgency', { code: 'BG.SCT', input: { name: 'Sở Công Thương (tên kiểm thử)', effectiveAt: '2027-01-01T00:00:00+07:00', reason: REASON, source: SOURCE } });
    expect(renamed).toMatchObject({ code: 'BG.SCT', name: 'Sở Công Thương tỉnh Bắc Giang', address: 'Số 1 đường kiểm thử' });
    expect(renamed.history.map((change: any) => [change.seq, change.kind, change.effectiveAt, change.name, change.address])).toEqual([
      [1, 'CREATED', null, 'Sở Công Thương tỉnh Bắc Giang', null],
      [2, 'AMENDED', '2026-06-01T00:00:00+07:00', 'Sở Công Thương tỉnh Bắc Giang', 'Số 1 đường kiểm thử'],
      [3, 'AMENDED', '2027-01-01T00:00:00+07:00', 'Sở Công Thương (tên kiểm thử)', 'Số 1 đường kiểm thử'],
    ]);
    const names = await hub.gql(`{ agency(code: "BG.SCT") {
      in2020: nameAt(at: "2020-01-01T00:00:00+07:00") now: name in2027: nameAt(at: "2027-01-01T00:00:00+07:00") } }`);
    expect(names.data.agency).toEqual({ in2020: 'Sở Công Thương tỉnh Bắc Giang', now: 'Sở Công Thương tỉnh Bắc Giang', in2027: 'Sở Công Thương (tên kiểm thử)' });
    // Changes are recorded in the order they take effect.
    const between = await run('amendAgency', { code: 'BG.SCT', input: { phone: '0204 3 111 111', effectiveAt: '2026-12-20T00:00:00+07:00', reason: REASON, source: SOURCE } });
    expect(between.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.code': expect.stringContaining('2027-01-01') } });
  });

  describe('a reorganisation', () => {
    const units = ['KT.XA.CAUGO', 'KT.XA.BOHA'];
    const decision = {
      id: 'KT-2026-12-01',
      effectiveAt: '2026-12-01T00:00:00+07:00',
      reason: REASON,
      source: SOURCE,
      units: {
        create: [
          { code: units[0], name: 'xã Cầu Gồ (kiểm thử)', level: 'COMMUNE' },
          { code: units[1], name: 'xã Bố Hạ (kiểm thử)', level: 'COMMUNE' },
        ],
        merge: [{ units: ['BG.YENTHE.CAUGO'], into: units[0] }, { units: ['BG.YENTHE.BOHA'], into: units[1] }],
        rename: [{ code: 'BG.TANYEN.NHANAM', name: 'thị trấn Nhã Nam (tên kiểm thử)' }],
        end: ['BG.YENTHE'],
      },
      create: units.map((code, index) => ({ code, name: `UBND ${['xã Cầu Gồ', 'xã Bố Hạ'][index]} (kiểm thử)`, tier: 'COMMUNE', parent: 'BG.UBND', hasDesk: true })),
      close: [
        { code: 'BG.YENTHE.CAUGO', successors: [{ agency: units[0] }] },
        { code: 'BG.YENTHE.BOHA', successors: [{ agency: units[1] }] },
        { code: 'BG.YENTHE', successors: [{ agency: units[0], area: ['BG.YENTHE.CAUGO'] }, { agency: units[1], area: ['BG.YENTHE.BOHA'] }] },
      ],
      amend: [
        { code: 'BG.VPDKDD.YENTHE', serviceArea: units },
        { code: 'BG.CT.YENTHE', serviceArea: units },
      ],
    };
    const read = async (code: string) =>
      (await hub.gql(`query ($code: ID!) { dossier(code: $code) { addressee { code } returnDesk { code } history { action agencyName } transfers { toName note } } }`, { code }, registrar())).data.dossier;
    let fromBoHa: string;
    let fromCauGo: string;

    it('is applied whole or not at all: one invalid part and nothing changes, in any subgraph', async () => {
      fromBoHa = (await dossiers.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, applicantCommune: 'BG.YENTHE.BOHA' } }, hub.token('BG.YENTHE', ['RECEPTIONIST']))).code;
      fromCauGo = (await dossiers.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, applicantCommune: 'BG.YENTHE.CAUGO' } }, hub.token('BG.YENTHE', ['RECEPTIONIST']))).code;
      const before = await hubFootprint(hub);
      const broken = await run('reorganize', { input: { ...decision, close: [...decision.close, { code: 'BG.TANYEN', successors: [{ agency: 'BG.KHONGCO' }] }] } });
      expect(broken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'close[3].successors[0].agency': 'BG.KHONGCO is not in the directory' } });
      const badUnit = await run('reorganize', { input: { ...decision, units: { ...decision.units, merge: [{ units: ['BG.YENTHE.CAUGO'], into: 'KT.KHONGCO' }] } } });
      expect(badUnit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'units.merge[0].into': expect.any(String) } });
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('splits a district among the communes formed from it: each dossier in flight goes to the successor of its place', async () => {
      const applied = await ok('reorganize', { input: decision });
      expect(applied).toMatchObject({ id: 'KT-2026-12-01', source: SOURCE, unitsCreated: units, unitsMerged: ['BG.YENTHE.CAUGO', 'BG.YENTHE.BOHA', 'BG.YENTHE'] });
      expect(applied.changes).toHaveLength(2 + 3 + 2);
      expect(codeOf(await run('reorganize', { input: decision }))).toBe('CONFLICT');

      const boHa = await eventually(async () => {
        const current = await read(fromBoHa);
        expect(current.addressee).toEqual({ code: units[1] });
        return current;
      });
      expect(boHa.returnDesk).toEqual({ code: units[1] });
      expect(boHa.transfers.at(-1)).toEqual({ toName: 'UBND xã Bố Hạ (kiểm thử)', note: `${REASON} (${SOURCE})` });
      expect(boHa.history.at(-1)).toEqual({ action: 'REASSIGN', agencyName: 'Sở Nội vụ tỉnh Bắc Giang' });
      await eventually(async () => expect((await read(fromCauGo)).addressee).toEqual({ code: units[0] }));

      // The units' part, applied by the local subgraph from the province's message.
      const unit = await eventually(async () => {
        const { data } = await hub.gql(`{ administrativeUnit(code: "KT.XA.BOHA") { name validFrom predecessors { code successor { code } } } }`);
        expect(data.administrativeUnit).not.toBeNull();
        return data.administrativeUnit;
      });
      expect(unit).toEqual({ name: 'xã Bố Hạ (kiểm thử)', validFrom: '2026-12-01T00:00:00+07:00', predecessors: [{ code: 'BG.YENTHE.BOHA', successor: { code: 'KT.XA.BOHA' } }] });
      // A renamed unit keeps its code; each day has its name.
      const renamed = await hub.gql(`{ administrativeUnit(code: "BG.TANYEN.NHANAM") { name before: nameAt(at: "2026-11-30T12:00:00+07:00") validTo } }`);
      expect(renamed.data.administrativeUnit).toEqual({ name: 'thị trấn Nhã Nam (tên kiểm thử)', before: 'thị trấn Nhã Nam', validTo: null });

      // The land transfer's version in force in this database (the first) is received at district desks only.
      const fresh = await dossiers.ok(
        'receive',
        { input: { procedure: 'BG-DD-CN', desk: units[1], applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS } },
        hub.token(units[1], ['RECEPTIONIST']),
      ).catch((error: Error) => error.message);
      expect(fresh).toContain('is received at DISTRICT desks');
      const successors = await hub.gql(`{ agency(code: "BG.YENTHE") { validTo successors { agency { code } area { code } } history { kind source } } }`);
      expect(successors.data.agency).toEqual({
        validTo: '2026-12-01T00:00:00+07:00',
        successors: [{ agency: { code: units[0] }, area: [{ code: 'BG.YENTHE.CAUGO' }] }, { agency: { code: units[1] }, area: [{ code: 'BG.YENTHE.BOHA' }] }],
        history: [{ kind: 'CREATED', source: expect.stringContaining('2015') }, { kind: 'CLOSED', source: SOURCE }],
      });
    });
  });

  describe('the procedure catalogue', () => {
    const PERMIT_INPUT = { procedure: 'BG-XD-GPXD', desk: 'BG.TANYEN', applicant: APPLICANT };
    const desk = () => hub.token('BG.TANYEN', ['RECEPTIONIST']);
    let before: { code: string; dueAt: string };

    it('publishes a version from a date; dossiers keep the version of their receipt and are not planned again', async () => {
      before = await dossiers.ok('receive', { input: { ...PERMIT_INPUT, documents: documentsOf('BG-XD-GPXD') } }, desk());
      const published = await ok('publish', { code: 'BG-XD-GPXD', input: PERMIT });
      expect(published.versions.map((version: any) => [version.version, version.effectiveFrom, version.processingDays])).toEqual([
        [1, null, 15],
        [2, '2026-12-02T00:00:00+07:00', 12],
      ]);
      expect(codeOf(await run('publish', { code: 'BG-XD-GPXD', input: { ...PERMIT, effectiveFrom: '2026-12-01T12:00:00+07:00' } }))).toBe('BAD_USER_INPUT');

      clock.set('2026-12-02T09:00:00+07:00');
      const kept = await hub.gql(`query ($code: ID!) { dossier(code: $code) { procedureVersion processingDays dueAt } }`, { code: before.code }, registrar());
      expect(kept.data.dossier).toEqual({ procedureVersion: 1, processingDays: 15, dueAt: before.dueAt });
      // Entered later, received before the new version took effect: the version of its receipt.
      const late = await dossiers.ok('receive', { input: { ...PERMIT_INPUT, documents: documentsOf('BG-XD-GPXD'), receivedAt: '2026-12-01T15:00:00+07:00' } }, desk());
      expect(late).toMatchObject({ receivedAt: '2026-12-01T15:00:00+07:00' });
      const lateVersion = await hub.gql(`query ($code: ID!) { dossier(code: $code) { procedureVersion } }`, { code: late.code }, registrar());
      expect(lateVersion.data.dossier.procedureVersion).toBe(1);
      // Received now: the new documents are required, and the new time runs.
      const missing = await dossiers.run('receive', { input: { ...PERMIT_INPUT, documents: documentsOf('BG-XD-GPXD') } }, desk());
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missing: ['Cam kết bảo đảm an toàn công trình liền kề'] });
      const now = await dossiers.ok('receive', { input: { ...PERMIT_INPUT, documents: PERMIT.documents } }, desk());
      const nowVersion = await hub.gql(`query ($code: ID!) { dossier(code: $code) { procedureVersion processingDays } }`, { code: now.code }, registrar());
      expect(nowVersion.data.dossier).toEqual({ procedureVersion: 2, processingDays: 12 });
      expect((await hub.gql(`{ procedure(code: "BG-XD-GPXD") { version processingDays } }`)).data.procedure).toEqual({ version: 2, processingDays: 12 });
    });

    it('publishes a new procedure the same way', async () => {
      const created = await ok('publish', { code: 'KT-TEST-01', input: { ...PERMIT, name: 'Thủ tục kiểm thử', receivingTiers: ['PROVINCE_DEPARTMENT'] } });
      expect(created).toMatchObject({ code: 'KT-TEST-01', version: 1 });
    });
  });

  describe('the working calendar', () => {
    it('shows each year as deadlines use it, with its source: 2026 confirmed, 2027 by the Labor Code until entered', async () => {
      const { data } = await hub.gql(`{
        y2026: workingCalendar(year: 2026) { confirmed version source workingSaturdays { date } }
        y2027: workingCalendar(year: 2027) { confirmed version source }
        deadline(from: "2027-02-04T09:00:00+07:00", workingDays: 2) { provisional }
      }`);
      expect(data.y2026).toEqual({ confirmed: true, version: 1, source: expect.stringContaining('9441/TB-BNV'), workingSaturdays: [{ date: '2026-01-10' }, { date: '2026-08-22' }] });
      expect(data.y2027).toEqual({ confirmed: false, version: 0, source: expect.stringContaining('Bộ luật Lao động') });
      expect(data.deadline.provisional).toBe(true);
    });

    it('takes a year’s official days from the registrar, kept as history; deadlines follow at once', async () => {
      await ok('setCalendar', { input: CALENDAR_2027 });
      await eventually(async () => {
        const { data } = await hub.gql(`{ deadline(from: "2027-02-04T09:00:00+07:00", workingDays: 2) { provisional } }`);
        expect(data.deadline.provisional).toBe(false);
      });
      await ok('setCalendar', { input: { ...CALENDAR_2027, daysOff: [...CALENDAR_2027.daysOff, { date: '2027-02-05', name: 'Tết Nguyên đán (kiểm thử)' }] } });
      const history = await hub.gql(`{ workingCalendarHistory(year: 2027) { version daysOff { date } recordedBy } }`);
      expect(history.data.workingCalendarHistory).toEqual([
        { version: 1, daysOff: [{ date: '2027-01-01' }], recordedBy: 'Vũ Quang Huy' },
        { version: 2, daysOff: [{ date: '2027-01-01' }, { date: '2027-02-05' }], recordedBy: 'Vũ Quang Huy' },
      ]);
      await eventually(async () => {
        const { data } = await hub.gql(`{ deadline(from: "2027-02-04T09:00:00+07:00", workingDays: 2) { dueAt } }`);
        expect(data.deadline.dueAt).toBe('2027-02-09T09:00:00+07:00');
      });
    });

    it('refuses to change a day already past, and writes nothing', async () => {
      const before = await hubFootprint(hub);
      const year = (await hub.gql(`{ workingCalendar(year: 2026) { daysOff { date name } workingSaturdays { date name } } }`)).data.workingCalendar;
      const withoutNationalDay = year.daysOff.filter((day: { date: string }) => day.date !== '2026-09-02');
      const refused = await run('setCalendar', { input: { year: 2026, daysOff: withoutNationalDay, workingSaturdays: year.workingSaturdays, confirmed: true, source: SOURCE } });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', past: ['2026-09-02'] });
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });
});

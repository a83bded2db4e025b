import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../subgraphs/all';
import { openOrm } from '../../subgraphs/common/orm';
import { agencyRecords, procedureRecords } from '../../subgraphs/common/reference-data';
import { prepareDatabase, type SubgraphDefinition } from '../../subgraphs/common/server';
import { setProcessEnv } from '../../subgraphs/common/env';
import { createTestDatabase, TEMPLATE_AS_OF, type TestDatabase } from '../testkit/database';

const count = async (orm: MikroORM, table: string) =>
  Number((await orm.em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from ${table}`))[0].n);

const rows = (orm: MikroORM, sql: string) => orm.em.getConnection().execute<Array<Record<string, any>>>(sql);

const agencies = agencyRecords();
const expected: Record<string, { table: string; rows: number }> = {
  province: { table: 'province.agency', rows: agencies.length },
  local: { table: 'local.administrative_unit', rows: agencies.filter((a) => a.tier === 'DISTRICT' || a.tier === 'COMMUNE').length },
};

describe('reference data', () => {
  let database: TestDatabase;
  const orms = new Map<string, MikroORM>();
  const definitionOf = (name: string) => SUBGRAPHS.find((d) => d.name === name) as SubgraphDefinition;

  beforeAll(async () => {
    // The 2015 province: the bundled decisions of 2025 are applied up to the template's date only.
    setProcessEnv('HUB_DIRECTORY_AS_OF', TEMPLATE_AS_OF);
    database = await createTestDatabase('empty');
    for (const definition of SUBGRAPHS) {
      const orm = await openOrm(definition.database, { databaseUrl: database.url, poolMax: 2 });
      orms.set(definition.name, orm);
      await prepareDatabase(definition, orm, database.url);
    }
  });

  afterAll(async () => {
    for (const orm of orms.values()) await orm.close();
    await database.drop();
  });

  it.each(Object.entries(expected))('loads %s’s share of the reference files once, however often it starts', async (name, { table, rows: n }) => {
    const orm = orms.get(name)!;
    expect(n).toBeGreaterThan(0);
    expect(await count(orm, table)).toBe(n);
    await prepareDatabase(definitionOf(name), orm, database.url);
    await prepareDatabase(definitionOf(name), orm, database.url);
    expect(await count(orm, table)).toBe(n);
  });

  it('keeps each agency’s 2015 record as the first entry of its history, with the branches’ service areas', async () => {
    const orm = orms.get('province')!;
    expect(await count(orm, `province.agency_change where seq = 1 and kind = 'CREATED' and effective_at is null`)).toBe(agencies.length);
    const [branch] = await rows(orm, `select name, service_area from province.agency_change where agency_code = 'BG.VPDKDD.YENTHE' and seq = 1`);
    expect(branch).toEqual({ name: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', service_area: ['BG.YENTHE'] });
    expect(await count(orm, `province.registrar_change where agency_code = 'BG.SNV'`)).toBe(1);
  });

  it('loads the procedure catalogue as its first versions, with their routes in order', async () => {
    const orm = orms.get('province')!;
    expect(await count(orm, 'province.procedure_version where version = 1')).toBe(procedureRecords().length);
    const [transfer] = await rows(orm, `select route, documents, processing_days from province.procedure_version where procedure_code = 'BG-DD-CN' and version = 1`);
    expect(transfer.processing_days).toBe(10);
    expect(transfer.documents).toContain('Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng hoặc chứng thực');
    expect(transfer.route.map((leg: { seq: number; agency_selector: string; working_days: number }) => [leg.seq, leg.agency_selector, leg.working_days])).toEqual([
      [1, '@DESK', 0],
      [2, '@LAND', 4],
      [3, '@TAX', 3],
      [4, '@LAND', 3],
    ]);
  });

  it('keeps the directory as the system of record: a later change survives the next load', async () => {
    const orm = orms.get('province')!;
    await orm.em.getConnection().execute(`update province.agency set valid_to = '2025-07-01T00:00:00+07:00', successor_code = 'BG.YENTHE.CAUGO' where code = 'BG.YENTHE'`);
    await prepareDatabase(definitionOf('province'), orm, database.url);
    const [yenThe] = await rows(orm, `select valid_to, successor_code from province.agency where code = 'BG.YENTHE'`);
    expect({ ...yenThe, valid_to: new Date(yenThe.valid_to) }).toEqual({ valid_to: new Date('2025-07-01T00:00:00+07:00'), successor_code: 'BG.YENTHE.CAUGO' });
  });

  it('refuses, as the database’s last line, what the registers never write: a second closure, history rewritten, a date out of the window', async () => {
    const sql = (statement: string) => orms.get('province')!.em.getConnection().execute(statement);
    await expect(sql(`update province.agency set valid_to = '2025-08-01T00:00:00+07:00' where code = 'BG.YENTHE'`)).rejects.toThrow(/already closed/);
    await expect(sql(`update province.agency set valid_to = '2025-07-01T00:00:00+07:00', successor_code = 'BG.TANYEN' where code = 'BG.YENTHE'`)).rejects.toThrow(/already closed/);
    await expect(sql(`update province.agency set valid_to = '2025-07-01T00:00:00+07:00', successor_code = null where code = 'BG.TANYEN'`)).rejects.toThrow(/agency_closure_has_successor/);
    await expect(sql(`update province.agency set valid_to = '2025-07-01T00:00:00+07:00', successor_code = 'BG.TANYEN' where code = 'BG.TANYEN'`)).rejects.toThrow(/agency_not_own_successor/);
    await expect(sql(`update province.agency_change set name = 'Tên khác' where agency_code = 'BG.SNV'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from province.procedure_version where procedure_code = 'BG-DD-CN'`)).rejects.toThrow(/append-only/);
    await expect(
      sql(`insert into province.agency_change (agency_code, seq, kind, effective_at, name, tier, has_desk, service_area, successors, reason, source, recorded_at, recorded_by)
           values ('BG.TANYEN', 2, 'AMENDED', '2025-07-01T00:00:00+24:00', 'x', 'DISTRICT', true, '{}', '[]', 'x', 'x', now(), 'x')`),
    ).rejects.toThrow();
    await expect(
      sql(`insert into province.agency_change (agency_code, seq, kind, effective_at, name, tier, has_desk, service_area, successors, reason, source, recorded_at, recorded_by)
           values ('BG.TANYEN', 2, 'AMENDED', '1999-07-01T00:00:00+07:00', 'x', 'DISTRICT', true, '{}', '[]', 'x', 'x', now(), 'x')`),
    ).rejects.toThrow(/agency_change_effective_in_window/);
  });

  it('names administrative units as documents write them, linked to their district', async () => {
    const units = await rows(orms.get('local')!, `select code, name, level, parent_code from local.administrative_unit where code in ('BG.TPBG', 'BG.YENTHE.CAUGO')`);
    expect(units).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'BG.TPBG', name: 'thành phố Bắc Giang', level: 'DISTRICT', parent_code: null }),
        expect.objectContaining({ code: 'BG.YENTHE.CAUGO', name: 'thị trấn Cầu Gồ', level: 'COMMUNE', parent_code: 'BG.YENTHE' }),
      ]),
    );
  });
  it('names every agency without a word written twice in a row, as a header would print it (“UBND TỈNH TỈNH …”)', () => {
    const doubled = agencies.filter((agency) => /(^|\s)(\p{L}+)\s+\2(\s|$)/iu.test(agency.name)).map((agency) => agency.name);
    expect(doubled).toEqual([]);
  });
});

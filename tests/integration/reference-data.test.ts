import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../subgraphs/all';
import { openOrm } from '../../subgraphs/common/orm';
import { agencyRecords, procedureRecords } from '../../subgraphs/common/reference-data';
import { prepareDatabase, type SubgraphDefinition } from '../../subgraphs/common/server';
import { createTestDatabase, type TestDatabase } from '../testkit/database';

const count = async (orm: MikroORM, table: string) =>
  Number((await orm.em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from ${table}`))[0].n);

const rows = (orm: MikroORM, sql: string) => orm.em.getConnection().execute<Array<Record<string, any>>>(sql);

const agencies = agencyRecords();
const expected: Record<string, { table: string; rows: number }> = {
  province: { table: 'province.agency', rows: agencies.length },
  local: { table: 'local.administrative_unit', rows: agencies.filter((a) => a.tier === 'DISTRICT' || a.tier === 'COMMUNE').length },
  tax: { table: 'tax.service_area', rows: agencies.filter((a) => a.sector === 'TAX').flatMap((a) => a.serves ?? []).length },
  land: { table: 'land.service_area', rows: agencies.filter((a) => a.sector === 'LAND').flatMap((a) => a.serves ?? []).length },
};

describe('reference data', () => {
  let database: TestDatabase;
  const orms = new Map<string, MikroORM>();
  const definitionOf = (name: string) => SUBGRAPHS.find((d) => d.name === name) as SubgraphDefinition;

  beforeAll(async () => {
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

  it('loads the procedure catalogue with its routes in order', async () => {
    const orm = orms.get('province')!;
    expect(await count(orm, 'province.procedure')).toBe(procedureRecords().length);
    const [transfer] = await rows(orm, `select route, documents, processing_days from province.procedure where code = 'BG-DD-CN'`);
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
    await orm.em.getConnection().execute(`update province.agency set valid_to = '2025-07-01T00:00:00+07:00' where code = 'BG.YENTHE'`);
    await prepareDatabase(definitionOf('province'), orm, database.url);
    const [yenThe] = await rows(orm, `select valid_to from province.agency where code = 'BG.YENTHE'`);
    expect(new Date(yenThe.valid_to)).toEqual(new Date('2025-07-01T00:00:00+07:00'));
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
});

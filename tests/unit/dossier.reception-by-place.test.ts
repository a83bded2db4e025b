import type { DirectoryAgency, DirectoryProcedure, DirectoryUnit, ProcedureVersionRecord } from '../../subgraphs/onestop/rulebook/directory';
import { agencyAt, operatingAgency, placeCodes, successorFor, versionAt } from '../../subgraphs/onestop/rulebook/directory';
import { receptionProblems, resolveRoute } from '../../subgraphs/onestop/rulebook/reception';
import { at } from '../testkit/rulebook';

/**
 * Reception and routes by the registers as they stood on the day: the procedure's version in force, the
 * agencies as they were, the applicant's or the parcel's commune, and desks open to the whole province.
 */

const REFORM = '2025-07-01T00:00:00+07:00';
const unit = (code: string, fields: Partial<DirectoryUnit> = {}): DirectoryUnit => ({ code, level: 'COMMUNE', parent: null, validFrom: null, validTo: null, successor: null, ...fields });
const units = new Map(
  [
    unit('D1', { level: 'DISTRICT', validTo: REFORM }),
    unit('D1.A', { parent: { code: 'D1' }, validTo: REFORM, successor: { code: 'X.A' } }),
    unit('D1.B', { parent: { code: 'D1' }, validTo: REFORM, successor: { code: 'X.B' } }),
    unit('X.A', { validFrom: REFORM }),
    unit('X.B', { validFrom: REFORM }),
  ].map((u) => [u.code, u]),
);

const agency = (code: string, fields: Partial<DirectoryAgency> = {}): DirectoryAgency => ({
  code, name: `Tên ${code}`, tier: 'COMMUNE', sector: null, hasDesk: true, validTo: null, parent: null, successor: null, serviceArea: [], ...fields,
});
const directory = (...agencies: DirectoryAgency[]) => new Map(agencies.map((a) => [a.code, a]));

const DISTRICT = agency('D1', { tier: 'DISTRICT', validTo: REFORM, successor: { code: 'X.A' }, successors: [{ agency: { code: 'X.A' }, area: [{ code: 'D1.A' }] }, { agency: { code: 'X.B' }, area: [{ code: 'D1.B' }] }] });
const XA = agency('X.A', { validFrom: REFORM });
const XB = agency('X.B', { validFrom: REFORM });
/** A land branch that served the district, and since the reform serves the communes formed from it. */
const LAND = agency('LAND.1', {
  tier: 'CENTRAL_VERTICAL', sector: 'LAND', hasDesk: false, serviceArea: [{ code: 'X.A' }],
  history: [
    { effectiveAt: null, name: 'Chi nhánh huyện', tier: 'CENTRAL_VERTICAL', hasDesk: false, parent: null, serviceArea: [{ code: 'D1' }] },
    { effectiveAt: REFORM, name: 'Chi nhánh huyện', tier: 'CENTRAL_VERTICAL', hasDesk: false, parent: null, serviceArea: [{ code: 'X.A' }] },
  ],
});
const LAND_B = agency('LAND.2', { tier: 'CENTRAL_VERTICAL', sector: 'LAND', hasDesk: false, serviceArea: [{ code: 'X.B' }], validFrom: REFORM });
const TAX = agency('TAX.1', { tier: 'CENTRAL_VERTICAL', sector: 'TAX', hasDesk: false, serviceArea: [{ code: 'D1' }, { code: 'X.A' }, { code: 'X.B' }] });
const agencies = directory(DISTRICT, XA, XB, LAND, LAND_B, TAX);

const version = (fields: Partial<ProcedureVersionRecord>): ProcedureVersionRecord => ({
  version: 1, effectiveFrom: null, name: 'Chuyển nhượng', field: 'Đất đai', processingDays: 7, documents: ['Đơn'], receivingTiers: ['DISTRICT'],
  receivingAgencies: [], anyDesk: false, routeBasis: 'DESK',
  route: [
    { seq: 1, agencySelector: '@DESK', workingDays: 0, task: 'Tiếp nhận' },
    { seq: 2, agencySelector: '@LAND', workingDays: 4, task: 'Thẩm định' },
    { seq: 3, agencySelector: '@TAX', workingDays: 3, task: 'Thuế' },
  ],
  ...fields,
});
const TRANSFER: DirectoryProcedure = {
  code: 'CN', name: 'Chuyển nhượng', field: 'Đất đai', processingDays: 7, documents: ['Đơn'], receivedAt: ['COMMUNE'], route: [], competenceMoves: [],
  versions: [version({}), version({ version: 2, effectiveFrom: REFORM, receivingTiers: ['COMMUNE'], routeBasis: 'PARCEL', documents: ['Đơn (Mẫu số 18)'] })],
};

describe('the procedure’s version and the agencies as they stood on the day of receipt', () => {
  it('takes the version in force at receipt, on both sides of its date', () => {
    expect(versionAt(TRANSFER, at('2025-06-30 16:00')).version).toBe(1);
    expect(versionAt(TRANSFER, at('2025-07-01 07:30')).version).toBe(2);
  });

  it('takes an agency as it stood at an instant (as it began, before its first change)', () => {
    expect(agencyAt(LAND, at('2025-06-30 16:00')).serviceArea).toEqual([{ code: 'D1' }]);
    expect(agencyAt(LAND, at('2025-07-01 08:00')).serviceArea).toEqual([{ code: 'X.A' }]);
  });

  it('receives at the tiers of the version in force: the district desk before the reform, the commune desk after', () => {
    expect(receptionProblems('CN', TRANSFER, 'D1', agencies, at('2025-06-30 09:00'))).toEqual({});
    expect(receptionProblems('CN', TRANSFER, 'X.A', agencies, at('2025-06-30 09:00'))).toEqual({ desk: 'Tên X.A is closed' });
    expect(receptionProblems('CN', TRANSFER, 'D1', agencies, at('2025-07-01 09:00'))).toEqual({ desk: 'Tên D1 is closed' });
    expect(receptionProblems('CN', TRANSFER, 'X.A', agencies, at('2025-07-01 09:00'), { units })).toEqual({});
  });
});

describe('the route by the parcel’s or the applicant’s commune', () => {
  const after = at('2025-07-02 09:00');

  it('sends a land transfer to the branches serving the parcel’s commune, named by its old code or its new one', () => {
    for (const parcelCommune of ['X.B', 'D1.B']) {
      const legs = resolveRoute(TRANSFER, XB, agencies, after, { units, parcelCommune });
      expect(Array.isArray(legs) && legs.map((leg) => leg.agencyCode)).toEqual(['X.B', 'LAND.2', 'TAX.1']);
    }
  });

  it('goes by the desk’s own commune when the parcel’s is not given', () => {
    const legs = resolveRoute(TRANSFER, XA, agencies, after, { units });
    expect(Array.isArray(legs) && legs.map((leg) => leg.agencyCode)).toEqual(['X.A', 'LAND.1', 'TAX.1']);
  });

  it('refuses, on the parcel’s field, a parcel in a commune no branch serves', () => {
    const lonely = new Map([...units, ['Y', unit('Y')]]);
    expect(resolveRoute(TRANSFER, XA, agencies, after, { units: lonely, parcelCommune: 'Y' })).toMatchObject({
      refused: 'BAD_USER_INPUT',
      extensions: { fields: { parcelCommune: 'no LAND branch serves it' } },
    });
  });

  it('receives only its own area’s dossiers at a commune desk, unless the version opens every desk of the province (Decree 118/2025)', () => {
    expect(receptionProblems('CN', TRANSFER, 'X.A', agencies, after, { units, parcelCommune: 'X.B' })).toEqual({
      parcelCommune: 'Tên X.A receives Chuyển nhượng for its own area only; X.B is not in it',
    });
    const anywhere: DirectoryProcedure = { ...TRANSFER, versions: [...TRANSFER.versions!, version({ version: 3, effectiveFrom: '2025-07-02T00:00:00+07:00', receivingTiers: ['COMMUNE'], routeBasis: 'PARCEL', anyDesk: true })] };
    expect(receptionProblems('CN', anywhere, 'X.A', agencies, after, { units, parcelCommune: 'X.B' })).toEqual({});
    const legs = resolveRoute(anywhere, XA, agencies, after, { units, parcelCommune: 'X.B' });
    expect(Array.isArray(legs) && legs.map((leg) => leg.agencyCode)).toEqual(['X.A', 'LAND.2', 'TAX.1']);
  });

  it('refuses a commune that is not one', () => {
    expect(receptionProblems('CN', TRANSFER, 'X.A', agencies, after, { units, applicantCommune: 'D1' })).toMatchObject({ applicantCommune: 'D1 is not a commune, ward or township' });
    expect(receptionProblems('CN', TRANSFER, 'X.A', agencies, after, { units, parcelCommune: 'NOWHERE' })).toMatchObject({ parcelCommune: 'NOWHERE is not a commune, ward or township' });
  });
});

describe('a closed agency whose work is split by area', () => {
  it('hands each place’s work to the successor whose area holds it, and what no area holds to the first', () => {
    expect(successorFor(DISTRICT, placeCodes(units, 'D1.B'))).toBe('X.B');
    expect(successorFor(DISTRICT, placeCodes(units, 'D1.A'))).toBe('X.A');
    expect(successorFor(DISTRICT, placeCodes(units, null))).toBe('X.A');
    expect(operatingAgency(agencies, 'D1', at('2025-07-02 09:00'), placeCodes(units, 'D1.B'))?.code).toBe('X.B');
  });
});

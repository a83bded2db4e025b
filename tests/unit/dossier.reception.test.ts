import type { DirectoryAgency, DirectoryProcedure } from '../../subgraphs/onestop/rulebook/directory';
import { checkDocuments, receptionProblems, resolveRoute } from '../../subgraphs/onestop/rulebook/reception';
import { at } from '../testkit/rulebook';

/** Who receives what, and which agencies a route names on the day of receipt, over a small directory. */

const agency = (code: string, fields: Partial<DirectoryAgency> = {}): DirectoryAgency => ({
  code,
  name: `Tên ${code}`,
  tier: 'DISTRICT',
  sector: null,
  hasDesk: true,
  validTo: null,
  parent: null,
  successor: null,
  serviceArea: [],
  ...fields,
});

const directory = (...agencies: DirectoryAgency[]) => new Map(agencies.map((a) => [a.code, a]));

const DISTRICT = agency('D1');
const COMMUNE = agency('D1.C1', { tier: 'COMMUNE', parent: { code: 'D1' } });
const LAND_BRANCH = agency('LAND.D1', { tier: 'CENTRAL_VERTICAL', sector: 'LAND', hasDesk: false, serviceArea: [{ code: 'D1' }] });
const TAX_BRANCH = agency('TAX.D1', { tier: 'CENTRAL_VERTICAL', sector: 'TAX', hasDesk: false, serviceArea: [{ code: 'D1' }] });
const JUSTICE = agency('STP', { tier: 'PROVINCE_DEPARTMENT' });
const POLICE = agency('CA', { tier: 'CENTRAL_VERTICAL', sector: 'POLICE' });

const LAND_TRANSFER: DirectoryProcedure = {
  code: 'DD-CN',
  name: 'Chuyển nhượng quyền sử dụng đất',
  field: 'Đất đai',
  processingDays: 10,
  documents: ['Đơn đăng ký biến động', 'Hợp đồng chuyển nhượng', 'Giấy tờ khác (nếu có)'],
  receivedAt: ['DISTRICT', 'COMMUNE'],
  route: [
    { seq: 1, agencySelector: '@DESK', workingDays: 0, task: 'Tiếp nhận' },
    { seq: 2, agencySelector: '@LAND', workingDays: 4, task: 'Thẩm định' },
    { seq: 3, agencySelector: '@TAX', workingDays: 3, task: 'Thuế' },
  ],
  competenceMoves: [],
};

const CRIMINAL_RECORD: DirectoryProcedure = {
  ...LAND_TRANSFER,
  code: 'LLTP',
  name: 'Cấp Phiếu lý lịch tư pháp',
  receivedAt: ['PROVINCE_DEPARTMENT'],
  route: [{ seq: 1, agencySelector: 'STP', workingDays: 10, task: 'Cấp phiếu' }],
  competenceMoves: [{ from: 'STP', to: 'CA', effectiveAt: '2025-03-01T00:00:00+07:00' }],
};

describe('the documents of a dossier', () => {
  it('are matched to the procedure’s list whatever the case and composition; optional ones may be missing', () => {
    const decomposed = 'Đơn đăng ký biến động'.normalize('NFD').toUpperCase();
    expect(checkDocuments(LAND_TRANSFER.documents, [decomposed, ' hợp  đồng chuyển nhượng ', 'Ảnh chân dung'])).toEqual({
      accepted: ['Đơn đăng ký biến động', 'Hợp đồng chuyển nhượng'],
      missing: [],
      unknown: ['Ảnh chân dung'],
    });
    expect(checkDocuments(LAND_TRANSFER.documents, []).missing).toEqual(['Đơn đăng ký biến động', 'Hợp đồng chuyển nhượng']);
  });
});

describe('which desk receives a procedure', () => {
  const agencies = directory(DISTRICT, COMMUNE, JUSTICE, POLICE, agency('CLOSED', { validTo: '2025-07-01T00:00:00+07:00' }), agency('NODESK', { hasDesk: false }));

  it('names each reason a desk cannot receive it, per field', () => {
    const when = at('2026-03-02 09:00');
    expect(receptionProblems('X', null, 'NOWHERE', agencies, when)).toEqual({ procedure: 'X is not in the procedure catalogue', desk: 'NOWHERE is not in the agency directory' });
    expect(receptionProblems('DD-CN', LAND_TRANSFER, 'NODESK', agencies, when)).toEqual({ desk: 'Tên NODESK has no reception desk' });
    expect(receptionProblems('DD-CN', LAND_TRANSFER, 'CLOSED', agencies, when)).toEqual({ desk: 'Tên CLOSED is closed' });
    expect(receptionProblems('DD-CN', LAND_TRANSFER, 'STP', agencies, when)).toEqual({ procedure: 'Chuyển nhượng quyền sử dụng đất is received at DISTRICT, COMMUNE desks, not at Tên STP' });
    expect(receptionProblems('DD-CN', LAND_TRANSFER, 'D1.C1', agencies, when)).toEqual({});
  });

  it('after a move of its competence, only at the new agency’s desk — and before it, at the old one', () => {
    expect(receptionProblems('LLTP', CRIMINAL_RECORD, 'STP', agencies, at('2025-03-03 09:00'))).toEqual({ desk: 'since 2025-03-01 Cấp Phiếu lý lịch tư pháp is received by Tên CA' });
    expect(receptionProblems('LLTP', CRIMINAL_RECORD, 'CA', agencies, at('2025-03-03 09:00'))).toEqual({});
    expect(receptionProblems('LLTP', CRIMINAL_RECORD, 'STP', agencies, at('2025-02-28 09:00'))).toEqual({});
  });
});

describe('the route on the day of receipt', () => {
  it('resolves @DESK to the receiving agency and @LAND / @TAX to the branches serving the desk’s district, from a commune desk too', () => {
    const legs = resolveRoute(LAND_TRANSFER, COMMUNE, directory(DISTRICT, COMMUNE, LAND_BRANCH, TAX_BRANCH), at('2026-03-02 09:00'));
    expect(legs).toEqual([
      { seq: 1, agencyCode: 'D1.C1', agencyName: 'Tên D1.C1', task: 'Tiếp nhận', workingDays: 0 },
      { seq: 2, agencyCode: 'LAND.D1', agencyName: 'Tên LAND.D1', task: 'Thẩm định', workingDays: 4 },
      { seq: 3, agencyCode: 'TAX.D1', agencyName: 'Tên TAX.D1', task: 'Thuế', workingDays: 3 },
    ]);
  });

  it('sends a closed branch’s legs to its successor', () => {
    const closed = { ...LAND_BRANCH, validTo: '2025-07-01T00:00:00+07:00', successor: { code: 'LAND.REGION' } };
    const legs = resolveRoute(LAND_TRANSFER, DISTRICT, directory(DISTRICT, closed, agency('LAND.REGION', { sector: 'LAND' }), TAX_BRANCH), at('2026-03-02 09:00'));
    expect(Array.isArray(legs) && legs[1].agencyCode).toBe('LAND.REGION');
  });

  it('is refused with BAD_USER_INPUT on the desk when no branch serves its district', () => {
    expect(resolveRoute(LAND_TRANSFER, DISTRICT, directory(DISTRICT, TAX_BRANCH), at('2026-03-02 09:00'))).toMatchObject({
      refused: 'BAD_USER_INPUT',
      extensions: { fields: { desk: 'no LAND branch serves it' } },
    });
  });

  it('names the agency a moved competence went to', () => {
    const legs = resolveRoute(CRIMINAL_RECORD, POLICE, directory(JUSTICE, POLICE), at('2026-03-02 09:00'));
    expect(Array.isArray(legs) && legs.map((leg) => leg.agencyCode)).toEqual(['CA']);
  });
});

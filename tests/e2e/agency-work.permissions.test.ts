import type { Role } from '../../subgraphs/common/auth';
import { aDossierAtLeg, APPLICANT, BIRTH_PACKAGE_DOCUMENTS, dataOf, hubFootprint, untilStatus, useDossierHub } from '../testkit/dossiers';

/**
 * Who may do the agencies' own work: the tax branch that holds a dossier issues its notice; the notice's
 * branch or the treasury's system records payments; a land branch registers parcels of its area and the
 * transfer of the dossier it holds; the commune that holds a birth package registers the birth; only a
 * supervisor of the Department of Home Affairs changes the directory. Nobody acts without a token.
 */
type Caller = [label: string, agency: string, roles: Role[]] | 'anonymous';

interface Row {
  name: string;
  mutation: string;
  /** Brings the hub to where the mutation can succeed; returns its variables (run: a number of its own). */
  prepare: (run: number, allowed: boolean) => Promise<Record<string, unknown>>;
  allowed: Caller[];
  denied: Caller[];
}

const supervisor: Caller = ['a supervisor of another department', 'BG.UBND', ['SUPERVISOR']];
const anonymous: Caller = 'anonymous';

describe('who may do the agencies’ own work', () => {
  const context = useDossierHub('2026-03-09T08:00:00+07:00');
  const { hub, dossiers, who } = context;
  const RECEIVED_AT = '2026-03-09T08:00:00+07:00';

  const atTax = async (): Promise<string> => (await aDossierAtLeg(context, 3, RECEIVED_AT)).code;

  async function noticeIssued(): Promise<string> {
    const code = await atTax();
    const { issueTaxNotice } = dataOf(
      await hub.gql(`mutation ($d: ID!) { issueTaxNotice(input: { dossier: $d, items: [{ kind: REGISTRATION_FEE, base: "1000000" }] }) { id } }`, { d: code }, who.tax),
    );
    await untilStatus(hub, code, 'AWAITING_PAYMENT');
    return issueTaxNotice.id;
  }

  /** A transfer back at the land branch for its last leg, nothing to pay, its parcel registered. */
  async function readyForTransfer(run: number): Promise<Record<string, unknown>> {
    const { code } = await aDossierAtLeg(context, 4, RECEIVED_AT);
    const parcel = { mapSheet: 50, number: 100 + run, commune: 'BG.YENTHE.BOHA' };
    dataOf(await hub.gql(`mutation ($i: RegisterParcelInput!) { registerParcel(input: $i) { number } }`, { i: { ...parcel, area: '100', address: 'Bố Hạ', purpose: 'Đất ở', holder: APPLICANT.name } }, who.land));
    return { input: { dossier: code, parcel, transferee: 'Lê Văn Tâm', certificateNumber: `CS-P-${run}` } };
  }

  async function birthPackage(): Promise<Record<string, unknown>> {
    const { code } = await dossiers.ok(
      'receive',
      {
        input: {
          procedure: 'BG-HT-KS',
          desk: 'BG.YENTHE.CAUGO',
          applicant: APPLICANT,
          documents: BIRTH_PACKAGE_DOCUMENTS,
        },
      },
      hub.token('BG.YENTHE.CAUGO', ['RECEPTIONIST']),
    );
    return {
      input: {
        dossier: code,
        child: { name: 'Hoàng Minh Khôi', birthDate: '2026-03-01', sex: 'MALE', birthPlace: 'Yên Thế' },
        mother: { name: 'Hoàng Thị Lụa' },
      },
    };
  }

  const MATRIX: Row[] = [
    {
      name: 'issueTaxNotice',
      mutation: `mutation ($d: ID!) { issueTaxNotice(input: { dossier: $d, items: [{ kind: REGISTRATION_FEE, base: "1000000" }] }) { id } }`,
      prepare: async () => ({ d: await atTax() }),
      allowed: [
        ['the holding tax branch’s processor', 'BG.CT.YENTHE', ['PROCESSOR']],
        ['the holding tax branch’s system', 'BG.CT.YENTHE', ['SYSTEM']],
      ],
      denied: [anonymous, ['its receptionist', 'BG.CT.YENTHE', ['RECEPTIONIST']], ['another tax branch', 'BG.CT.TANYEN', ['PROCESSOR']], ['the land branch', 'BG.VPDKDD.YENTHE', ['PROCESSOR']], supervisor],
    },
    {
      name: 'recordTaxPayment',
      mutation: `mutation ($n: ID!, $r: String!) { recordTaxPayment(notice: $n, amount: "1000", receiptNumber: $r) { paidAmount } }`,
      prepare: async (run) => ({ n: await noticeIssued(), r: `KB-PERM-${run}` }),
      allowed: [
        ['the notice’s tax branch', 'BG.CT.YENTHE', ['PROCESSOR']],
        ['its system', 'BG.CT.YENTHE', ['SYSTEM']],
        ['the treasury’s system', 'BG.KBNN', ['SYSTEM']],
      ],
      denied: [anonymous, ['a treasury officer', 'BG.KBNN', ['PROCESSOR']], ['another tax branch', 'BG.CT.TANYEN', ['PROCESSOR']], ['the land branch', 'BG.VPDKDD.YENTHE', ['PROCESSOR']], supervisor],
    },
    {
      name: 'registerParcel',
      mutation: `mutation ($i: RegisterParcelInput!) { registerParcel(input: $i) { number } }`,
      prepare: async (run) => ({ i: { mapSheet: 60, number: run + 1, commune: 'BG.YENTHE.CAUGO', area: '90.5', address: 'Cầu Gồ', purpose: 'Đất ở', holder: 'Trần Văn Hải' } }),
      allowed: [
        ['the branch of the area', 'BG.VPDKDD.YENTHE', ['PROCESSOR']],
        ['its system', 'BG.VPDKDD.YENTHE', ['SYSTEM']],
      ],
      denied: [anonymous, ['its receptionist', 'BG.VPDKDD.YENTHE', ['RECEPTIONIST']], ['the tax branch', 'BG.CT.YENTHE', ['PROCESSOR']], ['the district’s desk', 'BG.YENTHE', ['PROCESSOR']], supervisor],
    },
    {
      name: 'recordLandTransfer',
      mutation: `mutation ($input: RecordLandTransferInput!) { recordLandTransfer(input: $input) { certificateNumber } }`,
      prepare: readyForTransfer,
      allowed: [
        ['the holding land branch', 'BG.VPDKDD.YENTHE', ['PROCESSOR']],
        ['its system', 'BG.VPDKDD.YENTHE', ['SYSTEM']],
      ],
      denied: [anonymous, ['its receptionist', 'BG.VPDKDD.YENTHE', ['RECEPTIONIST']], ['another land branch', 'BG.VPDKDD.TANYEN', ['PROCESSOR']], ['the tax branch', 'BG.CT.YENTHE', ['PROCESSOR']], supervisor],
    },
    {
      name: 'registerBirth',
      mutation: `mutation ($input: RegisterBirthInput!) { registerBirth(input: $input) { registerNumber } }`,
      prepare: birthPackage,
      allowed: [
        ['the commune’s civil-status officer', 'BG.YENTHE.CAUGO', ['PROCESSOR']],
        ['the commune’s system', 'BG.YENTHE.CAUGO', ['SYSTEM']],
      ],
      denied: [anonymous, ['the commune’s receptionist', 'BG.YENTHE.CAUGO', ['RECEPTIONIST']], ['another commune', 'BG.YENTHE.BOHA', ['PROCESSOR']], ['the police', 'BG.CA', ['PROCESSOR']], supervisor],
    },
    {
      name: 'closeAgency',
      mutation: `mutation ($c: ID!) { closeAgency(code: $c, successor: "BG.YENTHE", effectiveAt: "2026-03-09T00:00:00+07:00", reason: "Sáp nhập đơn vị hành chính") { validTo } }`,
      // A refused closure changes nothing, so every refused caller tries the same commune.
      prepare: async (_run, allowed) => ({ c: allowed ? 'BG.LUCNAM.DOINGO' : 'BG.SONDONG.ANCHAU' }),
      allowed: [['a supervisor of Home Affairs', 'BG.SNV', ['SUPERVISOR']]],
      denied: [anonymous, ['a processor of Home Affairs', 'BG.SNV', ['PROCESSOR']], ['Home Affairs’ system', 'BG.SNV', ['SYSTEM']], supervisor],
    },
    {
      name: 'transferCompetence',
      mutation: `mutation ($from: ID!, $to: ID!, $at: DateTime!) {
        transferCompetence(procedure: "BG-KHDT-DKDN", from: $from, to: $to, effectiveAt: $at, reason: "Phân cấp") { code } }`,
      prepare: async (_run, allowed) => (allowed ? { from: 'BG.SKHDT', to: 'BG.STC', at: '2026-03-01T00:00:00+07:00' } : { from: 'BG.STC', to: 'BG.SKHDT', at: '2026-03-02T00:00:00+07:00' }),
      allowed: [['a supervisor of Home Affairs', 'BG.SNV', ['SUPERVISOR']]],
      denied: [anonymous, ['a processor of Home Affairs', 'BG.SNV', ['PROCESSOR']], ['the department that loses it', 'BG.SKHDT', ['SUPERVISOR']], supervisor],
    },
  ];

  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : hub.token(caller[1], caller[2], caller[0]));
  const labelOf = (caller: Caller) => (caller === 'anonymous' ? 'an anonymous caller' : caller[0]);
  /** Nobody acts without a token; a caller who has one but may not do this is forbidden. */
  const refusalOf = (caller: Caller) => (caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  let run = 0;

  describe.each(MATRIX.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    it.each(row.allowed.map((caller) => [labelOf(caller), caller] as const))('is allowed to %s', async (_label, caller) => {
      const variables = await row.prepare(run++, true);
      const response = await hub.gql(row.mutation, variables, tokenOf(caller));
      expect(response.errors).toBeUndefined();
    });

    it.each(row.denied.map((caller) => [labelOf(caller), refusalOf(caller), caller] as const))('is refused to %s with %s, and nothing is written', async (_label, refusal, caller) => {
      const variables = await row.prepare(run++, false);
      const before = await hubFootprint(hub);
      const response = await hub.gql(row.mutation, variables, tokenOf(caller));
      expect(response.errors?.[0].extensions?.code).toBe(refusal);
      expect(response.data ?? null).toBeNull();
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });
});

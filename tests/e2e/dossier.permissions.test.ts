import type { Role } from '../../subgraphs/common/auth';
import { aDossierAtLeg, aDossierInTransitTo, APPLICANT, aReceivedDossier, hubFootprint, LAND_TRANSFER_DOCUMENTS, useDossierHub, type MutationName } from '../testkit/dossiers';

/**
 * Who may do what (DESIGN.md): a RECEPTIONIST receives, supplements, returns and hands over only at its own
 * agency's desk; only the current holder hands over, asks for a supplement, apologises or records a result;
 * only the addressed agency accepts; supervisors read but do not act; nobody acts without a token.
 */
type Caller = [label: string, agency: string, roles: Role[]] | 'anonymous';

const DESK = 'BG.YENTHE';
const LAND = 'BG.VPDKDD.YENTHE';
const TAX = 'BG.CT.YENTHE';

const deskReceptionist: Caller = ['the desk’s receptionist', DESK, ['RECEPTIONIST']];
const deskSystem: Caller = ['the desk agency’s system', DESK, ['SYSTEM']];
const deskProcessor: Caller = ['a processor of the desk’s agency', DESK, ['PROCESSOR']];
const landProcessor: Caller = ['the land branch’s processor', LAND, ['PROCESSOR']];
const landSystem: Caller = ['the land branch’s system', LAND, ['SYSTEM']];
const landReceptionist: Caller = ['a receptionist at the land branch, which has no desk', LAND, ['RECEPTIONIST']];
const taxProcessor: Caller = ['the tax branch’s processor', TAX, ['PROCESSOR']];
const otherDesk: Caller = ['another district’s receptionist', 'BG.TANYEN', ['RECEPTIONIST']];
const supervisor: Caller = ['a supervisor', 'BG.SNV', ['SUPERVISOR']];

type Stage = 'new' | 'atDesk' | 'toLand' | 'atLand' | 'supplementRequested' | 'resolvedAtDesk';

interface Row {
  mutation: MutationName;
  stage: Stage;
  variables: (code: string) => Record<string, unknown>;
  allowed: Caller[];
  denied: Caller[];
}

const receiveInput = { procedure: 'BG-DD-CN', desk: DESK, applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS };

const submitInput = { ...receiveInput, channel: 'ONLINE' };

const MATRIX: Row[] = [
  {
    mutation: 'submit',
    stage: 'new',
    variables: () => ({ input: submitInput }),
    allowed: [deskSystem],
    denied: ['anonymous', deskReceptionist, deskProcessor, landSystem, supervisor],
  },
  {
    mutation: 'refuse',
    stage: 'atDesk',
    variables: (code) => ({ code, reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết'] }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, landProcessor, otherDesk, supervisor],
  },
  {
    mutation: 'stop',
    stage: 'supplementRequested',
    variables: (code) => ({ code, reason: 'Quá thời hạn bổ sung hồ sơ' }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', deskReceptionist, deskProcessor, taxProcessor, supervisor],
  },
  {
    mutation: 'guidance',
    stage: 'new',
    variables: () => ({ input: { ...receiveInput, documents: [] } }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, otherDesk, landProcessor, supervisor],
  },
  {
    mutation: 'receive',
    stage: 'new',
    variables: () => ({ input: receiveInput }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, otherDesk, landProcessor, supervisor],
  },
  {
    mutation: 'handOver',
    stage: 'atDesk',
    variables: (code) => ({ code, to: LAND }),
    allowed: [deskReceptionist, deskProcessor, deskSystem],
    denied: ['anonymous', landProcessor, otherDesk, supervisor],
  },
  {
    mutation: 'handOver',
    stage: 'atLand',
    variables: (code) => ({ code, to: TAX }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', landReceptionist, deskReceptionist, taxProcessor, supervisor],
  },
  {
    mutation: 'accept',
    stage: 'toLand',
    variables: (code) => ({ code }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', landReceptionist, deskReceptionist, taxProcessor, supervisor],
  },
  {
    mutation: 'requestSupplement',
    stage: 'atLand',
    variables: (code) => ({ code, items: ['Bản sao trích lục bản đồ địa chính'] }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', landReceptionist, deskReceptionist, deskProcessor, taxProcessor, supervisor],
  },
  {
    mutation: 'supplement',
    stage: 'supplementRequested',
    variables: (code) => ({ code, documents: ['Bản sao trích lục bản đồ địa chính'] }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, landProcessor, otherDesk, supervisor],
  },
  {
    mutation: 'apologize',
    stage: 'atLand',
    variables: (code) => ({ code, reason: 'Chờ đo đạc lại', newDueAt: '2026-03-26T09:00:00+07:00' }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', deskReceptionist, deskProcessor, taxProcessor, supervisor],
  },
  {
    mutation: 'recordResult',
    stage: 'atLand',
    variables: (code) => ({ code, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }),
    allowed: [landProcessor, landSystem],
    denied: ['anonymous', landReceptionist, deskReceptionist, taxProcessor, supervisor],
  },
  {
    mutation: 'returnResult',
    stage: 'resolvedAtDesk',
    variables: (code) => ({ code, receivedBy: APPLICANT.name }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, landProcessor, otherDesk, supervisor],
  },
  {
    mutation: 'withdraw',
    stage: 'atLand',
    variables: (code) => ({ code, reason: 'Người nộp xin rút hồ sơ' }),
    allowed: [deskReceptionist, deskSystem],
    denied: ['anonymous', deskProcessor, landProcessor, otherDesk, supervisor],
  },
];

const labelOf = (caller: Caller) => (caller === 'anonymous' ? 'an anonymous caller' : caller[0]);
/** Nobody acts without a token; a caller who has one but may not do this is forbidden. */
const refusalOf = (caller: Caller) => (caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

describe('who may change a dossier', () => {
  const RECEIVED_AT = '2026-03-09T09:00:00+07:00';
  const context = useDossierHub(RECEIVED_AT);
  const { hub, dossiers, who } = context;

  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : hub.token(caller[1], caller[2], caller[0]));

  /** A fresh land transfer, brought to the stage by the officers who may do so. */
  async function dossierAt(stage: Stage): Promise<string> {
    switch (stage) {
      case 'new':
        return '';
      case 'atDesk':
        return (await aReceivedDossier(context, RECEIVED_AT)).code;
      case 'toLand':
        return (await aDossierInTransitTo(context, 2, RECEIVED_AT)).code;
      case 'atLand':
        return (await aDossierAtLeg(context, 2, RECEIVED_AT)).code;
      case 'supplementRequested': {
        const { code } = await aDossierAtLeg(context, 2, RECEIVED_AT);
        await dossiers.ok('requestSupplement', { code, items: ['Bản sao trích lục bản đồ địa chính'] }, who.land);
        return code;
      }
      case 'resolvedAtDesk': {
        const { code } = await aDossierAtLeg(context, 2, RECEIVED_AT);
        await dossiers.ok('recordResult', { code, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }, who.land);
        await dossiers.ok('accept', { code }, who.desk);
        return code;
      }
    }
  }

  describe.each(MATRIX.map((row) => [`${row.mutation} (${row.stage})`, row] as const))('%s', (_name, row) => {
    it.each(row.allowed.map((caller) => [labelOf(caller), caller] as const))('is allowed to %s', async (_label, caller) => {
      const code = await dossierAt(row.stage);
      const response = await dossiers.run(row.mutation, row.variables(code), tokenOf(caller));
      expect(response.errors).toBeUndefined();
    });

    it.each(row.denied.map((caller) => [labelOf(caller), refusalOf(caller), caller] as const))('is refused to %s with %s, and nothing is written', async (_label, refusal, caller) => {
      const code = await dossierAt(row.stage);
      const before = await hubFootprint(hub);
      const response = await dossiers.run(row.mutation, row.variables(code), tokenOf(caller));
      expect(response.errors?.[0].extensions?.code).toBe(refusal);
      expect(response.data ?? null).toBeNull();
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });
});

/**
 * Saved operations the explorer opens with, one tab each, in the order of a dossier's life on the province as
 * it is today (commune desks since 1/7/2025): a land transfer received at the desk of xã Bố Hạ, carried to the
 * land branch and the tax office, paid, decided and returned; then the agencies' own work, the registers and
 * the webhooks. Public ones run without a token; each other one names the token it needs (`as`), and the
 * explorer fills `$LAST_DOSSIER`, `$LAST_NOTICE` and `$LAST_WEBHOOK` with what the tabs before it created, so the
 * tabs run one after the other on a fresh `npm start` (tests/e2e/explorer-examples.test.ts runs them so).
 */
import type { Role } from '../../subgraphs/common/auth';

export interface ExplorerExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Whose token the example needs; none: public. */
  as?: { agency: string; roles: Role[]; name: string };
}

/** Placeholders the explorer replaces with what earlier tabs created. */
export const PLACEHOLDERS = { dossier: '$LAST_DOSSIER', notice: '$LAST_NOTICE', webhook: '$LAST_WEBHOOK' } as const;

const DESK = { agency: 'BN.XA.BOHA', roles: ['RECEPTIONIST'] as Role[], name: 'Lê Thị Hoa' };
const DESK_PROCESSOR = { agency: 'BN.XA.BOHA', roles: ['PROCESSOR'] as Role[], name: 'Ngô Văn Tuấn' };
const LAND = { agency: 'BG.VPDKDD.YENTHE', roles: ['PROCESSOR'] as Role[], name: 'Trần Thị Bình' };
const TAX = { agency: 'BG.CT.YENTHE', roles: ['PROCESSOR'] as Role[], name: 'Phạm Văn Cường' };
const TREASURY = { agency: 'BG.KBNN', roles: ['SYSTEM'] as Role[], name: 'Hệ thống Kho bạc' };
const REGISTRAR = { agency: 'BG.SNV', roles: ['SUPERVISOR'] as Role[], name: 'Vũ Quang Huy' };
const DESK_SYSTEM = { agency: 'BN.XA.BOHA', roles: ['SYSTEM'] as Role[], name: 'Hệ thống một cửa xã Bố Hạ' };
/** An agency the registrar marks as running a public service portal (an example; the reference data marks none). */
const PORTAL = { agency: 'BG.VPUBND', roles: ['SYSTEM'] as Role[], name: 'Cổng dịch vụ công (ví dụ)' };

const LAND_TRANSFER_INPUT = {
  procedure: 'BG-DD-CN',
  desk: 'BN.XA.BOHA',
  parcelCommune: 'BN.XA.BOHA',
  applicant: { name: 'Hoàng Thị Lụa', address: 'Thôn Đồng Sen, xã Bố Hạ', phone: '0912 345 678', email: 'lua@example.vn' },
  documents: [
    'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18 ban hành kèm theo Nghị định 151/2025/NĐ-CP)',
    'Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng hoặc chứng thực',
    'Bản gốc Giấy chứng nhận đã cấp',
    'Tờ khai thuế thu nhập cá nhân',
    'Tờ khai lệ phí trước bạ nhà, đất',
  ],
  copies: 1,
  delivery: 'AT_DESK',
};
const PARCEL = { mapSheet: 12, number: 345, commune: 'BN.XA.BOHA' };

const CODE = { code: PLACEHOLDERS.dossier };
const DOSSIER_FIELDS = 'code status nationalStatusCode holder { name } addressee { name } dueAt';

const EXAMPLES: ExplorerExample[] = [
  {
    title: 'agencies (public)',
    query: `# Public: no token needed. Press ▶ to run.
query Communes {
  agencies(tier: COMMUNE) { code name parent { name } }
}`,
  },
  {
    title: 'agency',
    query: `# One query, four subgraphs: province (name, tier, parent), land (service area),
# local (unit names) and onestop (inbox: for the agency itself or a supervisor).
query Agency($code: ID!) {
  agency(code: $code) { name tier parent { name } serviceArea { name } inbox { totalCount } }
}`,
    variables: { code: 'BG.VPDKDD.YENTHE' },
    as: REGISTRAR,
  },
  {
    title: 'procedure (public)',
    query: `query Procedure($code: ID!) {
  procedure(code: $code) {
    code name field processingDays documents
    route { seq agencySelector agency { name } workingDays task }
  }
}`,
    variables: { code: 'BG-DD-CN' },
  },
  { title: 'procedures (public)', query: `query Procedures($field: String) {\n  procedures(field: $field) { code name processingDays }\n}`, variables: { field: 'Đất đai' } },
  {
    title: 'deadline (public)',
    query: `query Deadline($from: DateTime!, $days: Int!) {\n  deadline(from: $from, workingDays: $days) { dueAt provisional }\n}`,
    variables: { from: '2026-02-13T16:30:00+07:00', days: 5 },
  },
  {
    title: 'issueGuidance',
    query: `mutation Guidance($input: GuidanceInput!) {\n  issueGuidance(input: $input) { id number missing requirements }\n}`,
    variables: { input: { procedure: LAND_TRANSFER_INPUT.procedure, desk: LAND_TRANSFER_INPUT.desk, applicant: LAND_TRANSFER_INPUT.applicant, documents: LAND_TRANSFER_INPUT.documents.slice(0, 2) } },
    as: DESK,
  },
  {
    title: 'receiveDossier',
    query: `# The code it answers fills $LAST_DOSSIER in the tabs after this one.
mutation Receive($input: ReceiveDossierInput!) {\n  receiveDossier(input: $input) { ${DOSSIER_FIELDS} receiptNumber ledgerNumber legs { seq agency { name } dueAt } }\n}`,
    variables: { input: LAND_TRANSFER_INPUT },
    as: DESK,
  },
  {
    title: 'trackDossier (public)',
    query: `query Track($code: ID!, $phone: String!) {
  trackDossier(code: $code, phone: $phone) {
    code status procedureName receivedAt dueAt holder { name } legs { seq agencyName dueAt result }
  }
}`,
    variables: { ...CODE, phone: '0912345678' },
  },
  {
    title: 'dossier',
    query: `query Dossier($code: ID!) {
  dossier(code: $code) {
    code status nationalStatusCode receivedAt dueAt ledgerBook ledgerNumber
    procedure { name } desk { name } holder { name } applicant { name phone }
    legs { seq agency { name } task dueAt result }
    transfers { from { name } to { name } handedAt handedBy acceptedAt acceptedBy result }
    history { at action actorName agencyName fromStatus toStatus } historyIntact
  }
}`,
    variables: CODE,
    as: DESK,
  },
  {
    title: 'dossiers',
    query: `query Dossiers($filter: DossierFilter, $first: Int, $after: String) {
  dossiers(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { code status dueAt holder { name } } } pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { filter: { desk: 'BN.XA.BOHA', overdue: false }, first: 20 },
    as: DESK,
  },
  {
    title: 'requestSupplement',
    query: `mutation RequestSupplement($code: ID!, $items: [String!]!) {\n  requestSupplement(code: $code, items: $items) { ${DOSSIER_FIELDS} supplementItems }\n}`,
    variables: { ...CODE, items: ['Bản sao trích lục bản đồ địa chính thửa đất'] },
    as: DESK_PROCESSOR,
  },
  {
    title: 'supplementDossier',
    query: `mutation Supplement($code: ID!, $documents: [String!]!) {\n  supplementDossier(code: $code, documents: $documents) { ${DOSSIER_FIELDS} }\n}`,
    variables: { ...CODE, documents: ['Bản sao trích lục bản đồ địa chính thửa đất'] },
    as: DESK,
  },
  {
    title: 'handOverDossier',
    query: `mutation HandOver($code: ID!, $to: ID!, $note: String) {\n  handOverDossier(code: $code, to: $to, note: $note) { ${DOSSIER_FIELDS} }\n}`,
    variables: { ...CODE, to: 'BG.VPDKDD.YENTHE' },
    as: DESK,
  },
  { title: 'acceptDossier', query: `mutation Accept($code: ID!) {\n  acceptDossier(code: $code) { ${DOSSIER_FIELDS} legs { seq result } }\n}`, variables: CODE, as: LAND },
  {
    title: 'apologizeForDelay',
    query: `# The new appointment must be later than the current one, on a working day in office hours.
mutation Apologize($code: ID!, $reason: String!, $newDueAt: DateTime!) {\n  apologizeForDelay(code: $code, reason: $reason, newDueAt: $newDueAt) { ${DOSSIER_FIELDS} previousDueAt apologyReason }\n}`,
    variables: { ...CODE, reason: 'Phải đo đạc lại ranh giới thửa đất', newDueAt: '2030-03-05T09:00:00+07:00' },
    as: LAND,
  },
  {
    title: 'registerParcel',
    query: `mutation Parcel($input: RegisterParcelInput!) {\n  registerParcel(input: $input) { mapSheet number holder commune { name } }\n}`,
    variables: { input: { ...PARCEL, area: '152.50', address: 'Thôn Đồng Sen, xã Bố Hạ', purpose: 'Đất ở tại nông thôn', holder: 'Hoàng Thị Lụa' } },
    as: LAND,
  },
  {
    title: 'handOverDossier (to the tax office)',
    query: `mutation HandOver($code: ID!, $to: ID!) {\n  handOverDossier(code: $code, to: $to) { ${DOSSIER_FIELDS} }\n}`,
    variables: { ...CODE, to: 'BG.CT.YENTHE' },
    as: LAND,
  },
  { title: 'acceptDossier (the tax office)', query: `mutation Accept($code: ID!) {\n  acceptDossier(code: $code) { ${DOSSIER_FIELDS} }\n}`, variables: CODE, as: TAX },
  {
    title: 'issueTaxNotice',
    query: `# The notice's id fills $LAST_NOTICE; the dossier goes back to the land branch to wait for the payment.
mutation Notice($input: IssueTaxNoticeInput!) {\n  issueTaxNotice(input: $input) { id number total payBy items { kind base rate amount } }\n}`,
    variables: { input: { dossier: PLACEHOLDERS.dossier, items: [{ kind: 'PERSONAL_INCOME_TAX', base: '1500000000' }, { kind: 'REGISTRATION_FEE', base: '1500000000' }] } },
    as: TAX,
  },
  { title: 'acceptDossier (the land branch, waiting for the payment)', query: `mutation Accept($code: ID!) {\n  acceptDossier(code: $code) { ${DOSSIER_FIELDS} }\n}`, variables: CODE, as: LAND },
  {
    title: 'recordTaxPayment',
    query: `# The treasury's system records the payment; the dossier's clock starts again.
mutation Pay($notice: ID!, $amount: Money!, $receipt: String!) {\n  recordTaxPayment(notice: $notice, amount: $amount, receiptNumber: $receipt) { number paid paidAmount }\n}`,
    variables: { notice: PLACEHOLDERS.notice, amount: '37500000', receipt: 'KB-000101' },
    as: TREASURY,
  },
  {
    title: 'recordLandTransfer',
    query: `mutation Transfer($input: RecordLandTransferInput!) {\n  recordLandTransfer(input: $input) { certificateNumber transferee parcel { holder history { holder since } } }\n}`,
    variables: { input: { dossier: PLACEHOLDERS.dossier, parcel: PARCEL, transferee: 'Nguyễn Văn Bình', certificateNumber: 'CS 123456' } },
    as: LAND,
  },
  { title: 'acceptDossier (the result, at the desk)', query: `mutation Accept($code: ID!) {\n  acceptDossier(code: $code) { ${DOSSIER_FIELDS} }\n}`, variables: CODE, as: DESK },
  {
    title: 'returnResult',
    query: `mutation Return($code: ID!, $receivedBy: String!) {\n  returnResult(code: $code, receivedBy: $receivedBy) { ${DOSSIER_FIELDS} timeliness }\n}`,
    variables: { ...CODE, receivedBy: 'Hoàng Thị Lụa' },
    as: DESK,
  },
  {
    title: 'rateService (public)',
    query: `# Public: the applicant, by the code and the phone given at receipt, once the result is returned.
mutation Rate($code: ID!, $phone: String!, $rating: Int!, $comment: String) {
  rateService(code: $code, phone: $phone, rating: $rating, comment: $comment)
}`,
    variables: { ...CODE, phone: '0912 345 678', rating: 5, comment: 'Cán bộ hướng dẫn tận tình' },
  },
  {
    title: 'receiveDossier (a second one)',
    query: `mutation Receive($input: ReceiveDossierInput!) {\n  receiveDossier(input: $input) { ${DOSSIER_FIELDS} }\n}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, applicant: { ...LAND_TRANSFER_INPUT.applicant, name: 'Đặng Văn Hải', phone: '0987 654 321' } } },
    as: DESK,
  },
  {
    title: 'recordResult',
    query: `# APPROVED only at the route's last leg (recordLandTransfer above approves its dossier);
# DENIED at any leg, with the reasons, here at the desk that holds the second dossier.
mutation Result($code: ID!, $outcome: Outcome!, $note: String) {\n  recordResult(code: $code, outcome: $outcome, note: $note) { ${DOSSIER_FIELDS} outcome outcomeNote }\n}`,
    variables: { ...CODE, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp, chưa đủ điều kiện chuyển nhượng' },
    as: DESK_PROCESSOR,
  },
  {
    title: 'returnResult by post',
    query: `# The written answer to a denial: /forms/answer/<code>.pdf
mutation ReturnByPost($code: ID!, $receivedBy: String!, $tracking: String) {
  returnResult(code: $code, receivedBy: $receivedBy, channel: POST, postalTrackingNumber: $tracking) { ${DOSSIER_FIELDS} returnChannel postalTrackingNumber }
}`,
    variables: { ...CODE, receivedBy: 'Bưu điện xã Bố Hạ', tracking: 'EB123456789VN' },
    as: DESK,
  },
  {
    title: 'receiveDossier (a third one)',
    query: `mutation Receive($input: ReceiveDossierInput!) {\n  receiveDossier(input: $input) { ${DOSSIER_FIELDS} }\n}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, applicant: { ...LAND_TRANSFER_INPUT.applicant, name: 'Lý Thị Mai', phone: '0903 111 222' } } },
    as: DESK,
  },
  {
    title: 'withdrawDossier',
    query: `mutation Withdraw($code: ID!, $reason: String!) {\n  withdrawDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} }\n}`,
    variables: { ...CODE, reason: 'Người nộp xin rút hồ sơ' },
    as: DESK,
  },
  {
    title: 'submitDossier',
    query: `# The desk's own online service (its agency's SYSTEM) submits; no appointment until the desk receives it.
mutation Submit($input: SubmitDossierInput!) {
  submitDossier(input: $input) { ${DOSSIER_FIELDS} channel submittedAt }
}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, applicant: { ...LAND_TRANSFER_INPUT.applicant, name: 'Trịnh Văn Nam', phone: '0911 222 333' }, channel: 'ONLINE' } },
    as: DESK_SYSTEM,
  },
  {
    title: 'receiveDossier (submitted)',
    query: `# The desk receives a dossier submitted online or by post; the appointment counts from now.
mutation ReceiveSubmitted($input: ReceiveDossierInput!) {
  receiveDossier(input: $input) { ${DOSSIER_FIELDS} receiptNumber ledgerNumber }
}`,
    variables: { input: { desk: 'BN.XA.BOHA', submitted: PLACEHOLDERS.dossier } },
    as: DESK,
  },
  {
    title: 'stopDossier',
    query: `# The holder's notice: /forms/stop/<code>.pdf
mutation Stop($code: ID!, $reason: String!) {
  stopDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} stopReason }
}`,
    variables: { ...CODE, reason: 'Người nộp đề nghị dừng giải quyết hồ sơ' },
    as: DESK_PROCESSOR,
  },
  {
    title: 'submitDossier (by post)',
    query: `mutation Submit($input: SubmitDossierInput!) {
  submitDossier(input: $input) { ${DOSSIER_FIELDS} channel }
}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, applicant: { ...LAND_TRANSFER_INPUT.applicant, name: 'Đỗ Thị Hằng', phone: '0915 444 555' }, channel: 'POST' } },
    as: DESK_SYSTEM,
  },
  {
    title: 'refuseDossier',
    query: `# The refusal slip: /forms/refusal/<code>.pdf
mutation Refuse($code: ID!, $reasons: [String!]!) {
  refuseDossier(code: $code, reasons: $reasons) { ${DOSSIER_FIELDS} refusalReasons }
}`,
    variables: { ...CODE, reasons: ['Thửa đất không thuộc địa bàn xã Bố Hạ'] },
    as: DESK,
  },
  {
    title: 'registrar (public)',
    query: `# Public. The agency whose SUPERVISORs keep the registers; give a token of one of them below.
query Registrar {
  registrar { code name }
}`,
  },
  {
    title: 'agency history (public)',
    query: `# Public. An agency as it was on a day, and every change of it with its decision.
query AgencyHistory($code: ID!, $at: DateTime!) {
  agency(code: $code) {
    name nameAt(at: $at) validFrom validTo successors { agency { name } area { name } }
    history { seq kind effectiveAt name tier hasDesk parent { name } serviceArea { name } reason source recordedAt recordedBy }
  }
}`,
    variables: { code: 'BG.YENTHE', at: '2025-06-30T12:00:00+07:00' },
  },
  {
    title: 'createAgency',
    query: `mutation CreateAgency($input: CreateAgencyInput!) {
  createAgency(input: $input) { code name tier validFrom history { kind effectiveAt source } }
}`,
    variables: {
      input: {
        code: 'BN.PHUONG.VIDU',
        name: 'UBND phường Ví Dụ',
        tier: 'COMMUNE',
        parent: 'BG.UBND',
        hasDesk: true,
        effectiveAt: '2027-01-01T00:00:00+07:00',
        reason: 'Thành lập (ví dụ)',
        source: 'Số và ngày của quyết định',
      },
    },
    as: REGISTRAR,
  },
  {
    title: 'amendAgency',
    query: `mutation AmendAgency($code: ID!, $input: AmendAgencyInput!) {
  amendAgency(code: $code, input: $input) { code name address phone history { seq kind effectiveAt name reason source } }
}`,
    variables: { code: 'BG.STP', input: { address: 'Địa chỉ trụ sở mới', phone: '0204 3 000 000', effectiveAt: '2027-01-01T00:00:00+07:00', reason: 'Chuyển trụ sở (ví dụ)', source: 'Số và ngày của quyết định' } },
    as: REGISTRAR,
  },
  {
    title: 'amendAgency (marks a public service portal)',
    query: `# Cổng dịch vụ công: the marked agency's SYSTEM may submit dossiers to any desk (submitDossier).
mutation MarkPortal($code: ID!, $input: AmendAgencyInput!) {
  amendAgency(code: $code, input: $input) { code name servicePortal history { seq servicePortal reason source } }
}`,
    variables: { code: PORTAL.agency, input: { servicePortal: true, effectiveAt: '2026-01-01T00:00:00+07:00', reason: 'Vận hành cổng dịch vụ công (ví dụ)', source: 'Số và ngày của quyết định' } },
    as: REGISTRAR,
  },
  {
    title: 'submitDossier (by a public service portal)',
    query: `# A portal the directory marks submits to any desk, as its SYSTEM; an unmarked agency's SYSTEM gets FORBIDDEN.
mutation SubmitByPortal($input: SubmitDossierInput!) {
  submitDossier(input: $input) { ${DOSSIER_FIELDS} channel submittedAt }
}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, applicant: { ...LAND_TRANSFER_INPUT.applicant, name: 'Vương Thị Thu', phone: '0916 777 888' }, channel: 'ONLINE' } },
    as: PORTAL,
  },
  {
    title: 'reorganize',
    query: `# One dated decision, applied whole: units merged, agencies set up, closed with their work split by area.
mutation Reorganize($input: ReorganizationInput!) {
  reorganize(input: $input) { id effectiveAt source unitsCreated unitsMerged changes { agency { code } kind } }
}`,
    variables: {
      input: {
        effectiveAt: '2027-01-01T00:00:00+07:00',
        reason: 'Sắp xếp đơn vị hành chính (ví dụ)',
        source: 'Số và ngày của nghị quyết',
        units: { create: [{ code: 'BN.XA.VIDU', name: 'xã Ví Dụ', level: 'COMMUNE' }], merge: [{ units: ['BN.XA.BOHA', 'BN.XA.YENTHE'], into: 'BN.XA.VIDU' }] },
        create: [{ code: 'BN.XA.VIDU', name: 'UBND xã Ví Dụ', tier: 'COMMUNE', parent: 'BG.UBND', hasDesk: true }],
        close: [
          { code: 'BN.XA.BOHA', successors: [{ agency: 'BN.XA.VIDU' }] },
          { code: 'BN.XA.YENTHE', successors: [{ agency: 'BN.XA.VIDU' }] },
        ],
        amend: [{ code: 'BG.VPDKDD.YENTHE', serviceArea: ['BN.XA.VIDU'] }],
      },
    },
    as: REGISTRAR,
  },
  {
    title: 'closeAgency',
    query: `mutation CloseAgency($code: ID!, $successor: ID!, $effectiveAt: DateTime!, $reason: String!, $source: String) {
  closeAgency(code: $code, successor: $successor, effectiveAt: $effectiveAt, reason: $reason, source: $source) { code validTo successor { name } }
}`,
    variables: { code: 'BG.VPDKDD.YENTHE', successor: 'BG.VPDKDD', effectiveAt: '2027-07-01T00:00:00+07:00', reason: 'Sắp xếp chi nhánh (ví dụ)', source: 'Số và ngày của quyết định' },
    as: REGISTRAR,
  },
  {
    title: 'reorganizations (public)',
    query: `query Reorganizations {
  reorganizations { id effectiveAt reason source recordedBy unitsCreated unitsMerged }
}`,
  },
  {
    title: 'transferCompetence',
    query: `mutation TransferCompetence($procedure: ID!, $from: ID!, $to: ID!, $effectiveAt: DateTime!, $reason: String!, $source: String) {
  transferCompetence(procedure: $procedure, from: $from, to: $to, effectiveAt: $effectiveAt, reason: $reason, source: $source) { code competenceMoves { from to effectiveAt } }
}`,
    variables: { procedure: 'BG-KHDT-DKDN', from: 'BG.SKHDT', to: 'BG.STC', effectiveAt: '2027-01-01T00:00:00+07:00', reason: 'Chuyển thẩm quyền (ví dụ)', source: 'Số và ngày của quyết định' },
    as: REGISTRAR,
  },
  {
    title: 'procedure versions (public)',
    query: `query ProcedureVersions($code: ID!) {
  procedure(code: $code) { code version versions { version effectiveFrom name processingDays documents receivingTiers receivingAgencies anyDesk routeBasis reason source } }
}`,
    variables: { code: 'BG-TP-LLTP' },
  },
  {
    title: 'publishProcedureVersion',
    query: `mutation Publish($code: ID!, $input: ProcedureVersionInput!) {
  publishProcedureVersion(code: $code, input: $input) { code version versions { version effectiveFrom } }
}`,
    variables: {
      code: 'BG-XD-GPXD',
      input: {
        effectiveFrom: '2027-01-01T00:00:00+07:00',
        name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
        field: 'Xây dựng',
        processingDays: 15,
        documents: ['Đơn đề nghị cấp giấy phép xây dựng', 'Bản sao giấy tờ về quyền sử dụng đất', 'Hai bộ bản vẽ thiết kế xây dựng'],
        receivingTiers: ['COMMUNE'],
        anyDesk: false,
        routeBasis: 'DESK',
        route: [{ agency: '@DESK', workingDays: 15, task: 'Thẩm định hồ sơ, kiểm tra thực địa, cấp giấy phép' }],
        reason: 'Tiếp nhận tại cấp xã (ví dụ)',
        source: 'Số và ngày của quyết định công bố',
      },
    },
    as: REGISTRAR,
  },
  {
    title: 'workingCalendar (public)',
    query: `query Calendar($year: Int!) {
  workingCalendar(year: $year) { year confirmed version source daysOff { date name } workingSaturdays { date name } }
  officeHours { seasons { name from to sessions } source }
}`,
    variables: { year: 2026 },
  },
  {
    title: 'setWorkingCalendar',
    query: `# Days already past cannot change. workingCalendarHistory(year) shows every version.
mutation SetCalendar($input: WorkingCalendarInput!) {
  setWorkingCalendar(input: $input) { year confirmed version source daysOff { date name } workingSaturdays { date name } }
}`,
    variables: { input: { year: 2027, daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch' }], workingSaturdays: [], confirmed: false, source: 'Số và ngày của thông báo' } },
    as: REGISTRAR,
  },
  {
    title: 'setOfficeHours',
    query: `mutation SetOfficeHours($input: OfficeHoursInput!) {
  setOfficeHours(input: $input) { seasons { name from to sessions } source }
}`,
    variables: {
      input: {
        seasons: [
          { name: 'winter', from: '10-16', to: '04-15', sessions: ['07:30-12:00', '13:00-16:30'] },
          { name: 'summer', from: '04-16', to: '10-15', sessions: ['07:00-11:30', '13:30-17:00'] },
        ],
        source: 'Số và ngày của quyết định về giờ làm việc',
      },
    },
    as: REGISTRAR,
  },
  {
    title: 'performance',
    query: `query Performance($from: Date!, $to: Date!) {
  performance(from: $from, to: $to) {
    agency { code name } received resolvedEarly resolvedOnTime resolvedLate inProgressOnTime inProgressOverdue suspended onTimeRate
    ratings averageRating satisfiedRate
  }
}`,
    variables: { from: '2026-01-01', to: '2026-12-31' },
    as: REGISTRAR,
  },
  {
    title: 'registerWebhook',
    query: `# A URL whose host the operator allows in HUB_WEBHOOK_ALLOW (in development, this machine by default).
# The webhook's id fills $LAST_WEBHOOK. Keep the secret: it is shown only here, and verifies every delivery's webhook-signature (Standard Webhooks).
mutation RegisterWebhook($input: WebhookInput!) {
  registerWebhook(input: $input) { secret webhook { id url events agency { name } } }
}`,
    variables: {
      input: { url: 'http://127.0.0.1:8080/motcua/events', events: ['vn.motcua.dossier.handed-over', 'vn.motcua.dossier.accepted', 'vn.motcua.dossier.status-changed'] },
    },
    as: DESK_SYSTEM,
  },
  {
    title: 'webhooks',
    query: `# An agency's SYSTEM sees its agency's webhooks, a SUPERVISOR every agency's; with what was sent and how it went.
query Webhooks {
  webhooks {
    id url events active agency { name }
    deliveries(first: 10) { messageId type dossierCode status attempts lastStatus lastError deliveredAt }
  }
}`,
    as: DESK_SYSTEM,
  },
  {
    title: 'deactivateWebhook',
    query: `mutation Deactivate($id: ID!) {\n  deactivateWebhook(id: $id) { id active }\n}`,
    variables: { id: PLACEHOLDERS.webhook },
    as: DESK_SYSTEM,
  },
];

/** The command that prints the token an example needs. */
export function tokenCommand(as: NonNullable<ExplorerExample['as']>): string {
  return `npm run -s token -- --agency ${as.agency} --roles ${as.roles.join(',')} --name "${as.name}"`;
}

/** Every example; those that need a token say whose, and how to get one in development. */
export const EXPLORER_EXAMPLES: ExplorerExample[] = EXAMPLES.map((example) =>
  example.as
    ? { ...example, query: `# Needs a token of ${example.as.agency} (${example.as.roles.join(', ')}): in Headers, {"Authorization": "Bearer <token>"};\n# in development: ${tokenCommand(example.as)}\n${example.query}` }
    : example,
);

/** What earlier tabs created, by placeholder. */
export type Created = Partial<Record<string, string>>;

/**
 * The variables with every placeholder replaced by what earlier tabs created. Self-contained: the gateway
 * serves it to the browser as it is (`/explorer/examples.js`), and the test runs the same code.
 */
export function fillPlaceholders(variables: unknown, created: Created): unknown {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.charAt(0) === '$' && created[value] !== undefined ? created[value] : value;
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) out[key] = fill((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  return fill(variables);
}

/** Notes what an answer created: a dossier's code, a tax notice's id, a webhook's id. */
export function rememberCreated(data: unknown, created: Created): void {
  const answer = (data ?? {}) as Record<string, any>;
  const dossier = answer.receiveDossier ?? answer.submitDossier;
  if (dossier && dossier.code) created.$LAST_DOSSIER = dossier.code;
  if (answer.issueTaxNotice && answer.issueTaxNotice.id) created.$LAST_NOTICE = answer.issueTaxNotice.id;
  if (answer.registerWebhook && answer.registerWebhook.webhook) created.$LAST_WEBHOOK = answer.registerWebhook.webhook.id;
}

/**
 * Saved operations the explorer opens with, one tab each: every operation of the contract, then the
 * agencies' own work. Public ones run without a token; the others need one in the headers tab
 * (`npm run token -- --agency BG.YENTHE --roles RECEPTIONIST --name "Nguyễn Văn An"`).
 */
export interface ExplorerExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

const LAND_TRANSFER_INPUT = {
  procedure: 'BG-DD-CN',
  desk: 'BG.YENTHE',
  applicant: { name: 'Hoàng Thị Lụa', address: 'Thị trấn Cầu Gồ, huyện Yên Thế', phone: '0912 345 678', email: 'lua@example.vn' },
  documents: [
    'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu 09/ĐK)',
    'Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng hoặc chứng thực',
    'Bản gốc Giấy chứng nhận đã cấp',
    'Tờ khai thuế thu nhập cá nhân',
    'Tờ khai lệ phí trước bạ nhà, đất',
  ],
  copies: 1,
  delivery: 'AT_DESK',
};

const CODE = { code: 'BG.YENTHE-261126-0001' };
const DOSSIER_FIELDS = 'code status nationalStatusCode holder { name } addressee { name } dueAt';

const NEEDS_TOKEN = '# Needs a token: in Headers, {"Authorization": "Bearer <token>"} (npm run token).\n';

const EXAMPLES: ExplorerExample[] = [
  {
    title: 'agencies (public)',
    query: `# Public: no token needed. Press ▶ to run.
query Districts {
  agencies(tier: DISTRICT) { code name parent { name } }
}`,
  },
  {
    title: 'agency',
    query: `# One query, four subgraphs: province (name, tier, parent), land (service area),
# local (unit names) and onestop (inbox; needs a token of the agency or a supervisor).
query Agency($code: ID!) {
  agency(code: $code) { name tier parent { name } serviceArea { name } inbox { totalCount } }
}`,
    variables: { code: 'BG.VPDKDD.YENTHE' },
  },
  {
    title: 'procedure',
    query: `query Procedure($code: ID!) {
  procedure(code: $code) {
    code name field processingDays documents
    route { seq agencySelector agency { name } workingDays task }
  }
}`,
    variables: { code: 'BG-DD-CN' },
  },
  { title: 'procedures', query: `query Procedures($field: String) {\n  procedures(field: $field) { code name processingDays }\n}`, variables: { field: 'Đất đai' } },
  {
    title: 'deadline (public)',
    query: `query Deadline($from: DateTime!, $days: Int!) {\n  deadline(from: $from, workingDays: $days) { dueAt provisional }\n}`,
    variables: { from: '2026-02-13T16:30:00+07:00', days: 5 },
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
  },
  {
    title: 'dossiers',
    query: `query Dossiers($filter: DossierFilter, $first: Int, $after: String) {
  dossiers(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { code status dueAt holder { name } } } pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { filter: { desk: 'BG.YENTHE', overdue: false }, first: 20 },
  },
  {
    title: 'issueGuidance',
    query: `mutation Guidance($input: GuidanceInput!) {\n  issueGuidance(input: $input) { id number missing requirements }\n}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, documents: LAND_TRANSFER_INPUT.documents.slice(0, 2), copies: undefined, delivery: undefined } },
  },
  {
    title: 'receiveDossier',
    query: `mutation Receive($input: ReceiveDossierInput!) {\n  receiveDossier(input: $input) { ${DOSSIER_FIELDS} receiptNumber ledgerNumber legs { seq agency { name } dueAt } }\n}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, idempotencyKey: 'yt-desk-1-0001' } },
  },
  { title: 'handOverDossier', query: `mutation HandOver($code: ID!, $to: ID!, $note: String) {\n  handOverDossier(code: $code, to: $to, note: $note) { ${DOSSIER_FIELDS} }\n}`, variables: { ...CODE, to: 'BG.VPDKDD.YENTHE' } },
  { title: 'acceptDossier', query: `mutation Accept($code: ID!) {\n  acceptDossier(code: $code) { ${DOSSIER_FIELDS} legs { seq result } }\n}`, variables: CODE },
  {
    title: 'requestSupplement',
    query: `mutation RequestSupplement($code: ID!, $items: [String!]!) {\n  requestSupplement(code: $code, items: $items) { ${DOSSIER_FIELDS} supplementItems }\n}`,
    variables: { ...CODE, items: ['Bản sao trích lục bản đồ địa chính thửa đất'] },
  },
  {
    title: 'supplementDossier',
    query: `mutation Supplement($code: ID!, $documents: [String!]!) {\n  supplementDossier(code: $code, documents: $documents) { ${DOSSIER_FIELDS} }\n}`,
    variables: { ...CODE, documents: ['Bản sao trích lục bản đồ địa chính thửa đất'] },
  },
  {
    title: 'apologizeForDelay',
    query: `mutation Apologize($code: ID!, $reason: String!, $newDueAt: DateTime!) {\n  apologizeForDelay(code: $code, reason: $reason, newDueAt: $newDueAt) { ${DOSSIER_FIELDS} previousDueAt apologyReason }\n}`,
    variables: { ...CODE, reason: 'Phải đo đạc lại ranh giới thửa đất', newDueAt: '2026-12-15T09:00:00+07:00' },
  },
  {
    title: 'recordResult',
    query: `mutation Result($code: ID!, $outcome: Outcome!, $note: String) {\n  recordResult(code: $code, outcome: $outcome, note: $note) { ${DOSSIER_FIELDS} outcome outcomeNote }\n}`,
    variables: { ...CODE, outcome: 'APPROVED', note: 'Đã chỉnh lý Giấy chứng nhận' },
  },
  { title: 'returnResult', query: `mutation Return($code: ID!, $receivedBy: String!) {\n  returnResult(code: $code, receivedBy: $receivedBy) { ${DOSSIER_FIELDS} timeliness }\n}`, variables: { ...CODE, receivedBy: 'Hoàng Thị Lụa' } },
  {
    title: 'returnResult by post',
    query: `${NEEDS_TOKEN}mutation ReturnByPost($code: ID!, $receivedBy: String!, $tracking: String) {
  returnResult(code: $code, receivedBy: $receivedBy, channel: POST, postalTrackingNumber: $tracking) { ${DOSSIER_FIELDS} returnChannel postalTrackingNumber }
}`,
    variables: { ...CODE, receivedBy: 'Bưu điện huyện Yên Thế', tracking: 'EB123456789VN' },
  },
  {
    title: 'submitDossier',
    query: `# Needs a SYSTEM token of the desk's agency (its online service): npm run token -- --agency BG.YENTHE --roles SYSTEM
mutation Submit($input: SubmitDossierInput!) {
  submitDossier(input: $input) { ${DOSSIER_FIELDS} channel submittedAt }
}`,
    variables: { input: { ...LAND_TRANSFER_INPUT, channel: 'ONLINE' } },
  },
  {
    title: 'receiveDossier (submitted)',
    query: `${NEEDS_TOKEN}# The desk receives a dossier submitted online or by post; the appointment counts from now.
mutation ReceiveSubmitted($input: ReceiveDossierInput!) {
  receiveDossier(input: $input) { ${DOSSIER_FIELDS} receiptNumber ledgerNumber }
}`,
    variables: { input: { desk: 'BG.YENTHE', submitted: 'BG.YENTHE-261126-0001' } },
  },
  {
    title: 'refuseDossier',
    query: `${NEEDS_TOKEN}# The refusal slip: /forms/refusal/<code>.pdf
mutation Refuse($code: ID!, $reasons: [String!]!) {
  refuseDossier(code: $code, reasons: $reasons) { ${DOSSIER_FIELDS} refusalReasons }
}`,
    variables: { ...CODE, reasons: ['Thửa đất không thuộc địa bàn huyện Yên Thế'] },
  },
  {
    title: 'stopDossier',
    query: `${NEEDS_TOKEN}# The holder's notice: /forms/stop/<code>.pdf
mutation Stop($code: ID!, $reason: String!) {
  stopDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} stopReason }
}`,
    variables: { ...CODE, reason: 'Người nộp không bổ sung hồ sơ trong thời hạn đã yêu cầu' },
  },
  {
    title: 'rateService (public)',
    query: `# Public: the applicant, by the code and the phone given at receipt, once the result is returned.
mutation Rate($code: ID!, $phone: String!, $rating: Int!, $comment: String) {
  rateService(code: $code, phone: $phone, rating: $rating, comment: $comment)
}`,
    variables: { ...CODE, phone: '0912 345 678', rating: 5, comment: 'Cán bộ hướng dẫn tận tình' },
  },
  { title: 'withdrawDossier', query: `mutation Withdraw($code: ID!, $reason: String!) {\n  withdrawDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} }\n}`, variables: { ...CODE, reason: 'Người nộp xin rút hồ sơ' } },
  {
    title: 'issueTaxNotice',
    query: `mutation Notice($input: IssueTaxNoticeInput!) {\n  issueTaxNotice(input: $input) { id number total payBy items { kind base rate amount } }\n}`,
    variables: { input: { dossier: CODE.code, items: [{ kind: 'PERSONAL_INCOME_TAX', base: '1500000000' }, { kind: 'REGISTRATION_FEE', base: '1500000000' }] } },
  },
  {
    title: 'recordTaxPayment',
    query: `mutation Pay($notice: ID!, $amount: Money!, $receipt: String!) {\n  recordTaxPayment(notice: $notice, amount: $amount, receiptNumber: $receipt) { number paid paidAmount }\n}`,
    variables: { notice: 'BG.CT.YENTHE-2026-1', amount: '37500000', receipt: 'KB-2026-000101' },
  },
  {
    title: 'recordLandTransfer',
    query: `mutation Transfer($input: RecordLandTransferInput!) {\n  recordLandTransfer(input: $input) { certificateNumber transferee parcel { holder history { holder since } } }\n}`,
    variables: { input: { dossier: CODE.code, parcel: { mapSheet: 12, number: 345, commune: 'BG.YENTHE.CAUGO' }, transferee: 'Nguyễn Văn Bình', certificateNumber: 'CS 123456' } },
  },
  {
    title: 'registerBirth',
    query: `mutation Birth($input: RegisterBirthInput!) {\n  registerBirth(input: $input) { id registerNumber book child { name birthDate } }\n}`,
    variables: {
      input: {
        dossier: 'BG.YENTHE.CAUGO-261126-0001',
        child: { name: 'Hoàng Minh Khôi', birthDate: '2026-11-20', sex: 'MALE', birthPlace: 'Bệnh viện Đa khoa huyện Yên Thế' },
        mother: { name: 'Hoàng Thị Lụa' },
      },
    },
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
        code: 'BN.XA.VIDU',
        name: 'UBND xã Ví Dụ',
        tier: 'COMMUNE',
        parent: 'BG.UBND',
        hasDesk: true,
        effectiveAt: '2027-01-01T00:00:00+07:00',
        reason: 'Thành lập (ví dụ)',
        source: 'Số và ngày của quyết định',
      },
    },
  },
  {
    title: 'amendAgency',
    query: `mutation AmendAgency($code: ID!, $input: AmendAgencyInput!) {
  amendAgency(code: $code, input: $input) { code name address phone history { seq kind effectiveAt name reason source } }
}`,
    variables: { code: 'BG.STP', input: { address: 'Địa chỉ trụ sở mới', phone: '0204 3 000 000', effectiveAt: '2027-01-01T00:00:00+07:00', reason: 'Chuyển trụ sở (ví dụ)', source: 'Số và ngày của quyết định' } },
  },
  {
    title: 'closeAgency',
    query: `mutation CloseAgency($code: ID!, $successor: ID!, $effectiveAt: DateTime!, $reason: String!, $source: String) {
  closeAgency(code: $code, successor: $successor, effectiveAt: $effectiveAt, reason: $reason, source: $source) { code validTo successor { name } }
}`,
    variables: { code: 'BG.VPDKDD.YENTHE', successor: 'BG.VPDKDD', effectiveAt: '2027-01-01T00:00:00+07:00', reason: 'Sắp xếp chi nhánh (ví dụ)', source: 'Số và ngày của quyết định' },
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
  },
];

/** Every example; those that are not public say how to give the token. */
export const EXPLORER_EXAMPLES: ExplorerExample[] = EXAMPLES.map((example) =>
  example.title.includes('(public)') || example.query.startsWith('#') ? example : { ...example, query: NEEDS_TOKEN + example.query },
);

import { answerPdf } from '../../gateway/forms/answer';
import { apologyPdf } from '../../gateway/forms/apology';
import { controlSlipPdf } from '../../gateway/forms/control-slip';
import type { FormGuidanceSlip, ReceivedDossier } from '../../gateway/forms/dossier-form';
import { guidancePdf } from '../../gateway/forms/guidance';
import { ledgerPdf, type LedgerRow } from '../../gateway/forms/ledger';
import { receiptPdf } from '../../gateway/forms/receipt';
import { refusalPdf } from '../../gateway/forms/refusal';
import { stopPdf } from '../../gateway/forms/stop';
import { supplementPdf } from '../../gateway/forms/supplement';
import { doubledWords, layoutOf, layoutProblems, pageText } from '../testkit/pdf';
import { describeWithTools } from '../testkit/system-tools';

/**
 * Every form, filled with a long dossier (a district land transfer with long names, a supplement, an
 * apology, a denial), laid out as a person would check it: every word inside the page, no two words over
 * each other, dossier codes and date lines never broken across lines. The pages are kept as PNG in
 * test-output/forms/ to be looked at.
 */

const CODE = 'BG.VPDKDD.YENTHE-260213-0001';
const event = (action: string, agencyName: string, actorName: string, at: string, details: object = {}) => ({ action, agencyName, actorName, at, details: JSON.stringify(details) });

const DOSSIER: ReceivedDossier = {
  code: CODE,
  procedureName: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng',
  field: 'Đất đai',
  processingDays: 10,
  deskName: 'Ủy ban nhân dân huyện Yên Thế',
  receivedAt: '2026-02-13T09:30:00+07:00',
  receivedBy: 'Nguyễn Văn An',
  dueAt: '2026-03-16T16:00:00+07:00',
  previousDueAt: '2026-03-06T09:30:00+07:00',
  delivery: 'POSTAL',
  copies: 2,
  documents: [
    'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)',
    'Hợp đồng chuyển nhượng quyền sử dụng đất đã được công chứng hoặc chứng thực theo quy định',
    'Bản gốc Giấy chứng nhận đã cấp',
  ],
  receiptNumber: '1234/TNHS',
  ledgerBook: 'Đất đai 2026',
  ledgerVolume: 1,
  ledgerNumber: 1234,
  status: 'RESOLVED',
  leadAgencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế',
  channel: 'COUNTER',
  submittedAt: null,
  refusedAt: '2026-02-13T10:00:00+07:00',
  refusalReasons: ['Thửa đất không thuộc địa bàn huyện Yên Thế', 'Hợp đồng chuyển nhượng chưa được công chứng hoặc chứng thực theo quy định của pháp luật'],
  stoppedAt: '2026-03-10T09:00:00+07:00',
  stopReason: 'Người nộp không bổ sung hồ sơ trong thời hạn đã yêu cầu',
  outcome: 'DENIED',
  outcomeNote: 'Thửa đất đang có tranh chấp về ranh giới với thửa liền kề, chưa được giải quyết dứt điểm',
  resolvedAt: '2026-03-12T14:00:00+07:00',
  returnChannel: null,
  postalTrackingNumber: null,
  applicant: { name: 'Hoàng Thị Lụa', address: 'Tổ dân phố Hòa Bình, thị trấn Cầu Gồ, huyện Yên Thế, tỉnh Bắc Giang', phone: '0912345678', email: 'hoangthilua@example.vn' },
  legs: [
    { seq: 1, agencyName: 'Ủy ban nhân dân huyện Yên Thế', task: 'Tiếp nhận, chuyển hồ sơ', workingDays: 0 },
    { seq: 2, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', task: 'Thẩm định', workingDays: 4 },
    { seq: 3, agencyName: 'Chi cục Thuế huyện Yên Thế', task: 'Xác định nghĩa vụ tài chính', workingDays: 3 },
    { seq: 4, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', task: 'Chỉnh lý Giấy chứng nhận', workingDays: 3 },
  ],
  transfers: [
    { seq: 1, kind: 'ROUTE', fromName: 'Ủy ban nhân dân huyện Yên Thế', toName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', handedAt: '2026-02-13T10:00:00+07:00', handedBy: 'Nguyễn Văn An', acceptedAt: '2026-02-13T14:00:00+07:00', acceptedBy: 'Trần Thị Bình', result: 'ON_TIME', note: null },
    { seq: 2, kind: 'RESULT', fromName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', toName: 'Ủy ban nhân dân huyện Yên Thế', handedAt: '2026-03-12T10:00:00+07:00', handedBy: 'Trần Thị Bình', acceptedAt: '2026-03-12T14:00:00+07:00', acceptedBy: 'Nguyễn Văn An', result: null, note: 'Thửa đất đang có tranh chấp' },
  ],
  supplementRequestedAt: '2026-02-24T09:00:00+07:00',
  supplementItems: ['Bản sao trích lục bản đồ địa chính thửa đất', 'Giấy ủy quyền có chứng thực'],
  apologizedAt: '2026-03-02T10:00:00+07:00',
  apologyReason: 'Phải đo đạc lại ranh giới thửa đất',
  history: [
    event('RECEIVE', 'Ủy ban nhân dân huyện Yên Thế', 'Nguyễn Văn An', '2026-02-13T09:30:00+07:00', { documents: [], copies: 2, dueAt: '2026-03-06T09:30:00+07:00' }),
    event('REFUSE', 'Ủy ban nhân dân huyện Yên Thế', 'Nguyễn Văn An', '2026-02-13T10:00:00+07:00'),
    event('REQUEST_SUPPLEMENT', 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', 'Trần Thị Bình', '2026-02-24T09:00:00+07:00'),
    event('APOLOGIZE', 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', 'Trần Thị Bình', '2026-03-02T10:00:00+07:00'),
    event('STOP', 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', 'Trần Thị Bình', '2026-03-10T09:00:00+07:00'),
    event('RECORD_RESULT', 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', 'Trần Thị Bình', '2026-03-12T10:00:00+07:00'),
  ],
  desk: { code: 'BG.YENTHE', asOf: { address: 'Tổ dân phố Hòa Bình, thị trấn Cầu Gồ, huyện Yên Thế', phone: '0204 3876 123' } },
};
DOSSIER.history[0].details = JSON.stringify({ documents: DOSSIER.documents, copies: 2, dueAt: '2026-03-06T09:30:00+07:00' });

const SLIP: FormGuidanceSlip = {
  id: '17',
  number: '12/HDHS',
  deskName: 'Ủy ban nhân dân huyện Yên Thế',
  procedureName: DOSSIER.procedureName,
  applicant: DOSSIER.applicant,
  submitted: DOSSIER.documents.slice(0, 1),
  missing: DOSSIER.documents.slice(1),
  requirements: ['Ghi đầy đủ diện tích, số tờ, số thửa trên đơn'],
  issuedAt: '2026-02-13T09:30:00+07:00',
  issuedBy: 'Nguyễn Văn An',
  desk: DOSSIER.desk,
};

const ROW: LedgerRow = {
  number: 1234,
  code: CODE,
  procedureName: DOSSIER.procedureName,
  copies: 2,
  applicantName: 'Hoàng Thị Lụa',
  addressAndPhone: `${DOSSIER.applicant.address}, 0912345678`,
  leadAgency: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế',
  receivedOn: '2026-02-13',
  dueOn: '2026-03-06',
  rescheduledOn: '2026-03-16',
  forwardedOn: '2026-02-13',
  resultReceivedOn: '2026-03-12',
  returnedOn: '2026-03-13',
  returnedTo: 'Hoàng Thị Lụa',
  note: 'Trả đúng hạn',
};

const FORMS: Array<[string, () => Promise<Buffer | null>]> = [
  ['receipt', () => receiptPdf(DOSSIER)],
  ['control-slip', () => controlSlipPdf(DOSSIER)],
  ['guidance', () => guidancePdf(SLIP)],
  ['apology', () => apologyPdf(DOSSIER)],
  ['supplement', () => supplementPdf(DOSSIER)],
  ['refusal', () => refusalPdf(DOSSIER)],
  ['stop', () => stopPdf(DOSSIER)],
  ['answer', () => answerPdf(DOSSIER)],
  ['ledger', () => ledgerPdf({ deskName: DOSSIER.deskName, field: 'Đất đai', year: 2026, rows: Array.from({ length: 30 }, (_, index) => ({ ...ROW, number: index + 1 })) })],
];

describeWithTools(['pdftotext', 'pdftoppm'], 'the layout of every form', () => {
  it.each(FORMS)('%s: every word inside the page, none over another, no code or date line broken', async (name, render) => {
    const pdf = await render();
    expect(pdf).not.toBeNull();
    const layout = layoutOf(pdf!, `layout-${name}`);
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.words.map((word) => word.text)).toContain(name === 'guidance' ? '12/HDHS' : CODE);
    // Every form but the ledger (dd/mm/yyyy in its cells) writes dates out in words, each on one line.
    if (name !== 'ledger') expect(layout.lines.some((line) => /ngày \d\d tháng \d\d năm \d{4}/.test(line))).toBe(true);
    for (const line of layout.lines) {
      // A date line ends with its year on the same line: “… ngày 13 tháng 02 năm 2026”.
      if (/ngày \d\d tháng \d\d năm$/.test(line) || /^\d{4}$/.test(line)) throw new Error(`A date line is broken: “${line}”`);
      // The place an agency is named after stays whole: “HUYỆN YÊN THẾ”, never “HUYỆN YÊN” over “THẾ”.
      if (/^THẾ(\s|$)/.test(line)) throw new Error(`A place name is broken: “${line}”`);
    }
    // No word printed twice in a row, from the data or the wording (“tiếp nhận ngày ngày 09 …”).
    expect(doubledWords(pageText(pdf!, 1))).toEqual([]);
  });
  it('control slip of many hand-overs: continues on a second page whose table starts with the header row again', async () => {
    // A dossier that went back and forth: eight hand-overs between the desk, the land branch and the tax office.
    const places = ['Ủy ban nhân dân huyện Yên Thế', 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', 'Chi cục Thuế huyện Yên Thế'];
    const transfers = Array.from({ length: 8 }, (_, index) => ({
      seq: index + 1,
      kind: index === 7 ? 'RESULT' : 'ROUTE',
      fromName: places[index % 3],
      toName: index === 7 ? places[0] : places[(index + 1) % 3],
      handedAt: `2026-02-${String(13 + index).padStart(2, '0')}T10:00:00+07:00`,
      handedBy: 'Nguyễn Văn An',
      acceptedAt: `2026-02-${String(13 + index).padStart(2, '0')}T14:00:00+07:00`,
      acceptedBy: 'Trần Thị Bình',
      result: 'ON_TIME',
      note: `Lượt chuyển thứ ${index + 1}`,
    }));
    const pdf = await controlSlipPdf({ ...DOSSIER, transfers } as ReceivedDossier);
    const layout = layoutOf(pdf, 'control-slip-two-pages');
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.pages.length).toBeGreaterThanOrEqual(2);
    const pages = layout.pages.map((_page, index) => pageText(pdf, index + 1).replace(/\s+/g, ' ').trim());
    expect(pages[0]).toContain('Lượt chuyển thứ 1');
    expect(pages[0]).not.toContain('Lượt chuyển thứ 8');
    // Each continuation page starts with the header row, then the hand-overs that did not fit before.
    for (const page of pages.slice(1).filter((text) => text.includes('1. Giao:'))) {
      expect(page).toMatch(/^TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ KẾT QUẢ GIẢI QUYẾT HỒ SƠ \(Trước hạn\/đúng hạn\/quá hạn\) GHI CHÚ 1\. Giao:/);
    }
    expect(pages[1]).toContain('1. Giao:');
    expect(pages.slice(1).join(' ')).toContain('Lượt chuyển thứ 8');
  });
});

import ExcelJS from 'exceljs';
import { DESK_UNIT, field, heading, newDocument, paragraph, qr, signatures, title, toBuffer, type Column, type Doc } from './pdf';
import { dateWords, placeAndDate, shortDate, timeWords, TIMELINESS_WORDS } from '../../subgraphs/common/vietnamese';

/**
 * The forms a desk hands to citizens and passes between agencies (Plan 58/KH-UBND, seed forms 01–04; the
 * supplement request and the apology of Decree 61/2018), filled from the dossier as it was recorded: the
 * names of agencies are those the dossier kept at the time.
 */

export interface FormDossier {
  code: string;
  procedureName: string;
  field: string;
  processingDays: number;
  deskName: string;
  receivedAt: string;
  receivedBy: string;
  dueAt: string;
  previousDueAt: string | null;
  delivery: 'AT_DESK' | 'POSTAL';
  copies: number;
  documents: string[];
  receiptNumber: string;
  ledgerBook: string;
  ledgerNumber: number;
  applicant: { name: string; address: string | null; phone: string; email: string | null };
  legs: Array<{ seq: number; agencyName: string; task: string }>;
  transfers: Array<{
    seq: number;
    kind: string;
    fromName: string;
    toName: string;
    handedAt: string;
    handedBy: string;
    acceptedAt: string | null;
    acceptedBy: string | null;
    result: string | null;
    note: string | null;
  }>;
  supplementRequestedAt: string | null;
  supplementItems: string[];
  apologizedAt: string | null;
  apologyReason: string | null;
  history: Array<{ action: string; actorName: string; agencyName: string; at: string; details: string }>;
  /** The desk's address and phone as the register held them on the day of receipt. */
  desk: { code: string; asOf?: { address: string | null; phone: string | null } };
}

export const FORM_DOSSIER_FIELDS = `code procedureName field processingDays deskName receivedAt receivedBy dueAt previousDueAt delivery copies documents
  receiptNumber ledgerBook ledgerNumber applicant { name address phone email }
  legs { seq agencyName task }
  transfers { seq kind fromName toName handedAt handedBy acceptedAt acceptedBy result note }
  supplementRequestedAt supplementItems apologizedAt apologyReason
  history { action actorName agencyName at details } desk { code }`;

export interface FormGuidanceSlip {
  id: string;
  number: string;
  deskName: string;
  procedureName: string;
  applicant: { name: string; address: string | null; phone: string; email: string | null };
  submitted: string[];
  missing: string[];
  requirements: string[];
  issuedAt: string;
  issuedBy: string;
}

export const FORM_GUIDANCE_FIELDS = `id number deskName procedureName applicant { name address phone email } submitted missing requirements issuedAt issuedBy`;

const at = (iso: string) => new Date(iso);
const serialOf = (number: string) => number.split('/')[0];

/** Giấy tiếp nhận hồ sơ và hẹn trả kết quả (seed form 03): two copies on one A4 sheet, cut into A5 halves. */
export async function receiptPdf(dossier: FormDossier): Promise<Buffer> {
  const doc = newDocument('A4', 'landscape', `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${dossier.code}`);
  const half = doc.page.width / 2;
  for (const [index, copy] of ['Liên: Lưu', 'Liên: Giao khách hàng'].entries()) {
    const column: Column = { x: index * half + 24, width: half - 48 };
    await receiptCopy(doc, column, dossier, copy);
  }
  doc.save().moveTo(half, 20).lineTo(half, doc.page.height - 20).dash(3, { space: 3 }).lineWidth(0.5).stroke().restore();
  return toBuffer(doc);
}

/** The receipt as it was handed out: its documents, sets and appointment, recorded with the receipt. */
function asReceived(dossier: FormDossier): { documents: string[]; copies: number; dueAt: string } {
  const receipt = dossier.history.find((event) => event.action === 'RECEIVE');
  const recorded = receipt ? (JSON.parse(receipt.details) as { documents?: string[]; copies?: number; dueAt?: string }) : {};
  return { documents: recorded.documents ?? dossier.documents, copies: recorded.copies ?? dossier.copies, dueAt: recorded.dueAt ?? dossier.dueAt };
}

async function receiptCopy(doc: Doc, column: Column, dossier: FormDossier, copy: string): Promise<void> {
  const received = at(dossier.receivedAt);
  const handedOut = asReceived(dossier);
  let y = heading(doc, column, 24, {
    agency: dossier.deskName,
    unit: DESK_UNIT,
    number: dossier.receiptNumber,
    placeAndDate: placeAndDate(dossier.deskName, received),
  });
  y = title(doc, column, y, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 10.5);
  doc.font('bold').fontSize(9).text(`Mã hồ sơ: ${dossier.code}`, column.x, y, { width: column.width, align: 'center' });
  doc.font('italic').fontSize(8.5).text(`(${copy})`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.4);
  const { applicant } = dossier;
  field(doc, column, 'Bộ phận tiếp nhận và trả kết quả', dossier.deskName, 8.5);
  const contact = [dossier.desk.asOf?.address, dossier.desk.asOf?.phone && `Điện thoại: ${dossier.desk.asOf.phone}`].filter(Boolean).join('. ');
  if (contact) paragraph(doc, column, contact, { size: 8, indent: 10 });
  field(doc, column, 'Tiếp nhận hồ sơ của:', applicant.name, 8.5);
  field(doc, column, 'Địa chỉ:', applicant.address ?? '', 8.5);
  field(doc, column, 'Số điện thoại:', `${applicant.phone}     Email: ${applicant.email ?? '…'}`, 8.5);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', dossier.procedureName, 8.5);
  paragraph(doc, column, '1. Thành phần hồ sơ nộp gồm:', { size: 8.5 });
  handedOut.documents.forEach((document, index) => paragraph(doc, column, `${index + 1}) ${document}`, { size: 8, indent: 10 }));
  field(doc, column, '2. Số lượng hồ sơ:', `${handedOut.copies} (bộ)`, 8.5);
  field(doc, column, '3. Thời gian giải quyết hồ sơ theo quy định là:', `${dossier.processingDays} ngày làm việc`, 8.5);
  field(doc, column, '4. Thời gian nhận hồ sơ:', timeWords(received), 8.5);
  field(doc, column, '5. Thời gian trả kết quả giải quyết hồ sơ:', timeWords(at(handedOut.dueAt)), 8.5);
  field(
    doc,
    column,
    '6. Đăng ký nhận kết quả tại:',
    dossier.delivery === 'POSTAL' ? `địa chỉ của người nộp qua dịch vụ bưu chính (${applicant.address ?? ''})` : `Bộ phận tiếp nhận và trả kết quả, ${dossier.deskName}`,
    8.5,
  );
  field(doc, column, 'Vào Sổ theo dõi hồ sơ, Quyển số:', `${dossier.ledgerBook}     Số thứ tự: ${dossier.ledgerNumber}`, 8.5);
  const y2 = signatures(doc, column, doc.y + 8, [
    { role: 'NGƯỜI NỘP HỒ SƠ', name: applicant.name },
    { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: dossier.receivedBy },
  ], 8.5);
  await qr(doc, dossier.code, column.x + column.width / 2 - 28, Math.min(y2, doc.page.height - 100), 56);
}

/** The agency that leads the work (the last leg's) and those that take part on the way. */
const LEADS = (dossier: FormDossier) => {
  const lead = dossier.legs.at(-1)?.agencyName ?? dossier.deskName;
  const partners = [...new Set(dossier.legs.map((leg) => leg.agencyName))].filter((name) => name !== lead && name !== dossier.deskName);
  return { lead, partners };
};

/** Phiếu kiểm soát quá trình giải quyết hồ sơ (seed form 04): one row per hand-over, both signatures. */
export async function controlSlipPdf(dossier: FormDossier): Promise<Buffer> {
  const doc = newDocument('A5', 'landscape', `Phiếu kiểm soát quá trình giải quyết hồ sơ ${dossier.code}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  let y = heading(doc, column, doc.page.margins.top, {
    agency: dossier.deskName,
    unit: DESK_UNIT,
    number: `${serialOf(dossier.receiptNumber)}/KSGQHS`,
    placeAndDate: placeAndDate(dossier.deskName, at(dossier.receivedAt)),
    size: 8,
  });
  y = title(doc, column, y, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 10.5);
  doc.y = y;
  const { lead, partners } = LEADS(dossier);
  field(doc, column, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả số:', `${dossier.receiptNumber} (mã hồ sơ ${dossier.code})`, 8);
  paragraph(doc, column, '(Chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ này)', { font: 'italic', size: 7.5 });
  field(doc, column, 'Cơ quan (bộ phận) giải quyết hồ sơ:', lead, 8);
  field(doc, column, 'Cơ quan phối hợp giải quyết hồ sơ:', partners.join('; ') || 'Không', 8);
  await qr(doc, dossier.code, column.x + column.width - 50, 26, 46);

  const widths = [0.3, 0.3, 0.16, 0.24].map((share) => share * column.width);
  const headers = ['TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)', 'GHI CHÚ'];
  const drawRow = (cells: string[], bold: boolean) => {
    const top = doc.y;
    let height = 0;
    doc.font(bold ? 'bold' : 'regular').fontSize(7);
    cells.forEach((cell, index) => {
      height = Math.max(height, doc.heightOfString(cell, { width: widths[index] - 6 }));
    });
    if (top + height + 6 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      return drawRow(cells, bold);
    }
    let x = column.x;
    cells.forEach((cell, index) => {
      doc.rect(x, top, widths[index], height + 6).lineWidth(0.4).stroke();
      doc.text(cell, x + 3, top + 3, { width: widths[index] - 6 });
      x += widths[index];
    });
    doc.y = top + height + 6;
  };
  doc.y += 6;
  drawRow(headers, true);
  for (const transfer of dossier.transfers) {
    drawRow(
      [
        `1. Giao: ${transfer.fromName}\n2. Nhận: ${transfer.toName}`,
        `Giao: ${timeWords(at(transfer.handedAt))}\nNgười giao: ${transfer.handedBy}\n` +
          (transfer.acceptedAt ? `Nhận: ${timeWords(at(transfer.acceptedAt))}\nNgười nhận: ${transfer.acceptedBy}` : 'Chưa nhận'),
        transfer.result ? TIMELINESS_WORDS[transfer.result] : '',
        transfer.note ?? '',
      ],
      false,
    );
  }
  paragraph(doc, column, 'Ghi chú: Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận bàn giao hồ sơ.', { font: 'italic', size: 7 });
  return toBuffer(doc);
}

/** Phiếu hướng dẫn hoàn thiện hồ sơ (seed form 01): everything the dossier lacks, at once. */
export async function guidancePdf(slip: FormGuidanceSlip): Promise<Buffer> {
  const doc = newDocument('A5', 'portrait', `Phiếu hướng dẫn hoàn thiện hồ sơ ${slip.number}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, column, doc.page.margins.top, {
    agency: slip.deskName,
    unit: DESK_UNIT,
    number: slip.number,
    placeAndDate: placeAndDate(slip.deskName, at(slip.issuedAt)),
    size: 7.5,
  });
  doc.y = title(doc, column, y, 'PHIẾU HƯỚNG DẪN HOÀN THIỆN HỒ SƠ', 10.5) + 4;
  const { applicant } = slip;
  field(doc, column, 'Hồ sơ của:', applicant.name);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', slip.procedureName);
  field(doc, column, 'Địa chỉ:', applicant.address ?? '');
  field(doc, column, 'Số điện thoại:', `${applicant.phone}     Email: ${applicant.email ?? '…'}`);
  paragraph(doc, column, 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  const items = [...slip.missing.map((document) => `Bổ sung: ${document}`), ...slip.requirements];
  items.forEach((item, index) => paragraph(doc, column, `${index + 1}. ${item}`, { indent: 10 }));
  doc.moveDown(0.5);
  paragraph(
    doc,
    column,
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông (bà) liên hệ với ${slip.issuedBy}, Bộ phận tiếp nhận và trả kết quả ${slip.deskName} để được hướng dẫn./.`,
  );
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [{ role: 'NGƯỜI HƯỚNG DẪN', name: slip.issuedBy }]);
  await qr(doc, slip.id, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

function lastEvent(dossier: FormDossier, action: string) {
  return [...dossier.history].reverse().find((event) => event.action === action);
}

/** Phiếu xin lỗi và hẹn lại ngày trả kết quả, from the agency that will be late. */
export async function apologyPdf(dossier: FormDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'APOLOGIZE');
  if (!event || !dossier.apologizedAt) return null;
  const doc = newDocument('A5', 'portrait', `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${dossier.code}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, column, doc.page.margins.top, {
    agency: event.agencyName,
    unit: [],
    number: `${serialOf(dossier.receiptNumber)}/PXL`,
    placeAndDate: placeAndDate(event.agencyName, at(dossier.apologizedAt)),
    size: 7.5,
  });
  doc.y = title(doc, column, y, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 10.5) + 4;
  doc.font('bold').fontSize(9).text(`Kính gửi: Ông (bà) ${dossier.applicant.name}`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.5);
  paragraph(
    doc,
    column,
    `${event.agencyName} xin lỗi ông (bà) ${dossier.applicant.name} vì hồ sơ đề nghị giải quyết thủ tục “${dossier.procedureName}” ` +
      `(mã hồ sơ ${dossier.code}, Giấy tiếp nhận hồ sơ và hẹn trả kết quả số ${dossier.receiptNumber}) không trả được kết quả ` +
      `vào ${timeWords(at(dossier.previousDueAt ?? dossier.dueAt))} như đã hẹn.`,
  );
  field(doc, column, 'Lý do:', dossier.apologyReason ?? '');
  paragraph(doc, column, 'Sự chậm trễ này đã gây phiền hà cho ông (bà). Chúng tôi xin hẹn lại thời gian trả kết quả vào:');
  doc.font('bold').fontSize(9).text(timeWords(at(dossier.dueAt)), column.x, doc.y, { width: column.width, align: 'center' });
  paragraph(doc, column, 'Xin trân trọng cảm ơn sự hợp tác của ông (bà)./.');
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [
    { role: 'ĐẠI DIỆN CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: event.actorName },
  ]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

/** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Decree 61/2018 Art. 19), from the processing agency. */
export async function supplementPdf(dossier: FormDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'REQUEST_SUPPLEMENT');
  if (!event || !dossier.supplementRequestedAt) return null;
  const doc = newDocument('A5', 'portrait', `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${dossier.code}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, column, doc.page.margins.top, {
    agency: event.agencyName,
    unit: [],
    number: `${serialOf(dossier.receiptNumber)}/YCBS`,
    placeAndDate: placeAndDate(event.agencyName, at(dossier.supplementRequestedAt)),
    size: 7.5,
  });
  doc.y = title(doc, column, y, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 10.5) + 4;
  field(doc, column, 'Mã hồ sơ:', dossier.code);
  field(doc, column, 'Hồ sơ của:', dossier.applicant.name);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', dossier.procedureName);
  field(doc, column, 'Địa chỉ:', dossier.applicant.address ?? '');
  field(doc, column, 'Số điện thoại:', `${dossier.applicant.phone}     Email: ${dossier.applicant.email ?? '…'}`);
  field(doc, column, 'Ngày tiếp nhận hồ sơ:', dateWords(at(dossier.receivedAt)));
  paragraph(doc, column, 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:');
  dossier.supplementItems.forEach((item, index) => paragraph(doc, column, `${index + 1}. ${item}`, { indent: 10 }));
  paragraph(
    doc,
    column,
    `Ông (bà) nộp hồ sơ bổ sung tại Bộ phận tiếp nhận và trả kết quả, ${dossier.deskName}. Thời gian giải quyết được tính lại từ ngày nhận đủ hồ sơ./.`,
    { font: 'italic', size: 8.5 },
  );
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [{ role: 'NGƯỜI YÊU CẦU', name: event.actorName }]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

export interface LedgerRow {
  number: number;
  code: string;
  procedureName: string;
  copies: number;
  applicantName: string;
  addressAndPhone: string;
  leadAgency: string;
  receivedOn: string;
  dueOn: string;
  forwardedOn: string | null;
  resultReceivedOn: string | null;
  returnedOn: string | null;
  returnedTo: string | null;
  note: string;
}

export const LEDGER_FIELDS = `number code procedureName copies applicantName addressAndPhone leadAgency receivedOn dueOn forwardedOn resultReceivedOn returnedOn returnedTo note`;

/** The 14 columns of the seed's form 02. */
export const LEDGER_HEADINGS = [
  'TT',
  'Mã hồ sơ',
  'Tên TTHC',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả: ngày, tháng, năm',
  'Trả kết quả: ký nhận',
  'Ghi chú',
];

const ledgerCells = (row: LedgerRow): Array<string | number> => [
  row.number,
  row.code,
  row.procedureName,
  row.copies,
  row.applicantName,
  row.addressAndPhone,
  row.leadAgency,
  shortDate(row.receivedOn),
  shortDate(row.dueOn),
  shortDate(row.forwardedOn),
  shortDate(row.resultReceivedOn),
  shortDate(row.returnedOn),
  row.returnedTo ?? '',
  row.note,
];

export interface LedgerBook {
  deskName: string;
  field: string;
  year: number;
  rows: LedgerRow[];
}

/** Sổ theo dõi hồ sơ as a spreadsheet: the 14 columns, one row per dossier in ledger order. */
export async function ledgerXlsx(book: LedgerBook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Một Cửa Hub';
  const sheet = workbook.addWorksheet(`${book.field} ${book.year}`.slice(0, 31));
  sheet.addRow([`SỔ THEO DÕI HỒ SƠ — ${book.deskName} — Lĩnh vực: ${book.field} — Năm ${book.year}`]);
  sheet.mergeCells(1, 1, 1, LEDGER_HEADINGS.length);
  sheet.getRow(1).font = { bold: true, size: 12 };
  const headings = sheet.addRow(LEDGER_HEADINGS);
  headings.font = { bold: true };
  headings.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  sheet.addRow(LEDGER_HEADINGS.map((_, index) => index + 1)).alignment = { horizontal: 'center' };
  for (const row of book.rows) sheet.addRow(ledgerCells(row)).alignment = { wrapText: true, vertical: 'top' };
  [5, 22, 34, 8, 20, 26, 26, 11, 11, 11, 11, 11, 18, 18].forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sổ theo dõi hồ sơ on A4 landscape pages, the 14 columns ruled. */
export async function ledgerPdf(book: LedgerBook): Promise<Buffer> {
  const doc = newDocument('A4', 'landscape', `Sổ theo dõi hồ sơ ${book.deskName} ${book.field} ${book.year}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, { x: column.x, width: column.width * 0.7 }, doc.page.margins.top, {
    agency: book.deskName,
    unit: DESK_UNIT,
    number: `${book.field} ${book.year}`,
    placeAndDate: placeAndDate(book.deskName, new Date()),
    size: 8,
  });
  doc.y = title(doc, column, y, 'SỔ THEO DÕI HỒ SƠ', 12);
  paragraph(doc, column, `Lĩnh vực: ${book.field} — Năm ${book.year}`, { font: 'italic', size: 8 });
  const shares = [3, 13, 14, 5, 9, 11, 11, 6, 6, 6, 6, 6, 8, 9];
  const total = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (share / total) * column.width);
  const drawRow = (cells: Array<string | number>, bold: boolean): void => {
    doc.font(bold ? 'bold' : 'regular').fontSize(6);
    const height = Math.max(...cells.map((cell, index) => doc.heightOfString(String(cell), { width: widths[index] - 4 })));
    if (doc.y + height + 4 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(LEDGER_HEADINGS, true);
      return drawRow(cells, bold);
    }
    const top = doc.y;
    let x = column.x;
    cells.forEach((cell, index) => {
      doc.rect(x, top, widths[index], height + 4).lineWidth(0.3).stroke();
      doc.text(String(cell), x + 2, top + 2, { width: widths[index] - 4 });
      x += widths[index];
    });
    doc.y = top + height + 4;
  };
  doc.y += 4;
  drawRow(LEDGER_HEADINGS, true);
  drawRow(LEDGER_HEADINGS.map((_, index) => index + 1), true);
  for (const row of book.rows) drawRow(ledgerCells(row), false);
  return toBuffer(doc);
}

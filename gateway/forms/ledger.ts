import { type Column, DESK_UNIT, MOTTO, newDocument, paragraph, title, toBuffer, type Doc } from './pdf';
import { shortDate, upper } from '../../subgraphs/common/vietnamese';
import ExcelJS from 'exceljs';

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
  rescheduledOn: string | null;
  forwardedOn: string | null;
  resultReceivedOn: string | null;
  returnedOn: string | null;
  returnedTo: string | null;
  note: string;
  /** Quyển số: the book's number, the same on every row. */
  volume?: number | null;
}

export const LEDGER_FIELDS = `volume number code procedureName copies applicantName addressAndPhone leadAgency receivedOn dueOn rescheduledOn forwardedOn resultReceivedOn returnedOn returnedTo note`;

/** The 14 columns of the seed's form 02, as its header reads them: 8–11 under “Ngày, tháng, năm”, 12–13 under “Trả kết quả”. */
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
  'Ngày, tháng, năm',
  'Ký nhận',
  'Ghi chú',
];

/** The header's groups: [first column, last column] (1-based) and the words over them. */
const GROUPS: Array<[number, number, string]> = [
  [8, 11, 'Ngày, tháng, năm'],
  [12, 13, 'Trả kết quả'],
];

/** The seed's note under form 02. */
export const LEDGER_NOTE = 'Ghi chú: Sổ theo dõi hồ sơ được lập theo từng lĩnh vực hoặc nhóm lĩnh vực tại Bộ phận tiếp nhận và trả kết quả.';

/** Column 13 (Ký nhận) is left for the recipient's signature; who received the result goes to the note. */
const ledgerCells = (row: LedgerRow): Array<string | number> => [
  row.number,
  row.code,
  row.procedureName,
  row.copies,
  row.applicantName,
  row.addressAndPhone,
  row.leadAgency,
  shortDate(row.receivedOn),
  // The appointment given at receipt, with a later one noted beside it.
  row.rescheduledOn ? `${shortDate(row.dueOn)}\nhẹn lại\n${shortDate(row.rescheduledOn)}` : shortDate(row.dueOn),
  shortDate(row.forwardedOn),
  shortDate(row.resultReceivedOn),
  shortDate(row.returnedOn),
  '',
  [row.note, row.returnedTo && `Người nhận: ${row.returnedTo}`].filter(Boolean).join('; '),
];

export interface LedgerBook {
  deskName: string;
  field: string;
  year: number;
  rows: LedgerRow[];
}

/** The line under the title: the book's number (the receipt's “Quyển số”, once it has an entry), its field and year. */
const bookLine = (book: LedgerBook) => {
  const volume = book.rows.find((row) => row.volume != null)?.volume;
  return `${volume != null ? `Quyển số: ${volume} — ` : ''}Lĩnh vực: ${book.field} — Năm ${book.year}`;
};

const DATE_COLUMNS = [8, 9, 10, 11, 12];
const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** Sổ theo dõi hồ sơ as a spreadsheet: the title block, the grouped header, one row per dossier, dates as dates, A4 landscape. */
export async function ledgerXlsx(book: LedgerBook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Một Cửa Hub';
  const sheet = workbook.addWorksheet(`${book.field} ${book.year}`.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:7' },
  });
  const last = LEDGER_HEADINGS.length;
  const block = (row: number, from: number, to: number, value: string, bold: boolean) => {
    sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = value;
    cell.font = { bold };
    cell.alignment = { horizontal: 'center' };
  };
  block(1, 1, 6, upper(book.deskName), false);
  block(1, 8, last, MOTTO[0], true);
  block(2, 1, 6, DESK_UNIT.join(' '), true);
  block(2, 8, last, MOTTO[1], true);
  block(3, 1, last, 'SỔ THEO DÕI HỒ SƠ', true);
  sheet.getCell(3, 1).font = { bold: true, size: 13 };
  block(4, 1, last, bookLine(book), false);
  // Header: rows 5–6, the groups over their columns, every other heading over both rows; row 7 numbers them.
  for (let column = 1; column <= last; column++) {
    const group = GROUPS.find(([from, to]) => column >= from && column <= to);
    if (group) sheet.getCell(6, column).value = LEDGER_HEADINGS[column - 1];
    else {
      sheet.mergeCells(5, column, 6, column);
      sheet.getCell(5, column).value = LEDGER_HEADINGS[column - 1];
    }
  }
  for (const [from, to, label] of GROUPS) {
    sheet.mergeCells(5, from, 5, to);
    sheet.getCell(5, from).value = label;
  }
  for (const row of [5, 6, 7]) {
    sheet.getRow(row).font = { bold: true };
    sheet.getRow(row).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
  LEDGER_HEADINGS.forEach((_, index) => (sheet.getCell(7, index + 1).value = index + 1));
  for (const row of book.rows) {
    const cells: Array<string | number | Date | null> = ledgerCells(row);
    [row.receivedOn, row.dueOn, row.forwardedOn, row.resultReceivedOn, row.returnedOn].forEach((iso, index) => (cells[DATE_COLUMNS[index] - 1] = asDate(iso)));
    // A date cell holds one date: a later appointment goes to the note.
    if (row.rescheduledOn) cells[last - 1] = [`Hẹn lại: ${shortDate(row.rescheduledOn)}`, cells[last - 1]].filter(Boolean).join('; ');
    const added = sheet.addRow(cells);
    added.alignment = { wrapText: true, vertical: 'top' };
    for (const column of DATE_COLUMNS) added.getCell(column).numFmt = 'dd/mm/yyyy';
  }
  const note = sheet.addRow([LEDGER_NOTE]);
  sheet.mergeCells(note.number, 1, note.number, last);
  note.font = { italic: true };
  [5, 24, 34, 8, 20, 26, 26, 11, 11, 11, 11, 11, 14, 22].forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sổ theo dõi hồ sơ on A4 landscape pages: the title block, the grouped header (again on every page), the 14 columns ruled. */
export async function ledgerPdf(book: LedgerBook): Promise<Buffer> {
  const doc = newDocument('A4', 'landscape', `Sổ theo dõi hồ sơ ${book.deskName} ${book.field} ${book.year}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const top = doc.page.margins.top;
  const left = { x: column.x, width: column.width * 0.4 };
  const right = { x: column.x + column.width * 0.5, width: column.width * 0.5 };
  doc.font('regular').fontSize(8).text(upper(book.deskName), left.x, top, { width: left.width, align: 'center' });
  doc.font('bold').text(DESK_UNIT.join(' '), left.x, doc.y, { width: left.width, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').text(MOTTO[0], right.x, top, { width: right.width, align: 'center' });
  doc.text(MOTTO[1], right.x, doc.y, { width: right.width, align: 'center' });
  doc.moveTo(right.x + right.width * 0.35, doc.y + 2.5).lineTo(right.x + right.width * 0.65, doc.y + 2.5).lineWidth(0.5).stroke();
  doc.y = title(doc, column, Math.max(leftBottom, doc.y) + 10, 'SỔ THEO DÕI HỒ SƠ', 12);
  paragraph(doc, column, bookLine(book), { font: 'italic', size: 8 });
  const shares = [3, 18, 12, 4, 9, 11, 11, 6, 6, 6, 6, 6, 7, 9];
  const total = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (share / total) * column.width);
  const xOf = (index: number) => column.x + widths.slice(0, index).reduce((sum, width) => sum + width, 0);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const cell = (text: string, x: number, y: number, width: number, height: number) => {
    doc.rect(x, y, width, height).lineWidth(0.3).stroke();
    doc.text(text, x + 2, y + 2, { width: width - 4, align: 'center' });
  };
  const drawHeader = (): void => {
    doc.font('bold').fontSize(6);
    const measure = (text: string, width: number) => doc.heightOfString(text, { width: width - 4 }) + 4;
    const groupHeight = Math.max(...GROUPS.map(([from, to, label]) => measure(label, xOf(to) - xOf(from - 1))));
    const subHeight = Math.max(...GROUPS.flatMap(([from, to]) => LEDGER_HEADINGS.slice(from - 1, to).map((text, i) => measure(text, widths[from - 1 + i]))));
    const singleHeight = Math.max(...LEDGER_HEADINGS.map((text, index) => (GROUPS.some(([from, to]) => index + 1 >= from && index + 1 <= to) ? 0 : measure(text, widths[index]))));
    const height = Math.max(groupHeight + subHeight, singleHeight);
    const y = doc.y;
    LEDGER_HEADINGS.forEach((text, index) => {
      const group = GROUPS.find(([from, to]) => index + 1 >= from && index + 1 <= to);
      if (group) cell(text, xOf(index), y + (height - subHeight), widths[index], subHeight);
      else cell(text, xOf(index), y, widths[index], height);
    });
    for (const [from, to, label] of GROUPS) cell(label, xOf(from - 1), y, xOf(to) - xOf(from - 1), height - subHeight);
    doc.y = y + height;
    drawRow(LEDGER_HEADINGS.map((_, index) => index + 1), true, false);
  };
  const drawRow = (cells: Array<string | number>, bold: boolean, header = true): void => {
    doc.font(bold ? 'bold' : 'regular').fontSize(6);
    const height = Math.max(...cells.map((text, index) => doc.heightOfString(String(text), { width: widths[index] - 4 })));
    if (doc.y + height + 4 > bottom()) {
      doc.addPage();
      if (header) drawHeader();
    }
    const y = doc.y;
    cells.forEach((text, index) => {
      doc.rect(xOf(index), y, widths[index], height + 4).lineWidth(0.3).stroke();
      doc.text(String(text), xOf(index) + 2, y + 2, { width: widths[index] - 4 });
    });
    doc.y = y + height + 4;
  };
  doc.y += 4;
  drawHeader();
  for (const row of book.rows) drawRow(ledgerCells(row), false);
  noteBelow(doc, column, LEDGER_NOTE);
  return toBuffer(doc);
}

/** The form's note under its table, on a new page when the last one is full. */
function noteBelow(doc: Doc, column: Column, note: string): void {
  doc.font('italic').fontSize(7);
  if (doc.y + doc.heightOfString(note, { width: column.width }) + 6 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.text(note, column.x, doc.y + 6, { width: column.width });
}

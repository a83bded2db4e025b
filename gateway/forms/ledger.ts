import { type Column, DESK_UNIT, heading, newDocument, paragraph, title, toBuffer } from './pdf';
import { placeAndDate, shortDate } from '../../subgraphs/common/vietnamese';
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


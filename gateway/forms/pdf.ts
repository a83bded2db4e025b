import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The hub's printed forms, laid out as the seed forms of Plan 58/KH-UBND lay them out, in DejaVu Serif
 * (embedded; every letter of Vietnamese has its glyph).
 */

export const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
};

export const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
export const DESK_UNIT = ['BỘ PHẬN TIẾP NHẬN VÀ', 'TRẢ KẾT QUẢ'];

export type Doc = PDFKit.PDFDocument;

/** A column of the page that text flows down. */
export interface Column {
  x: number;
  width: number;
}

const DOSSIER_CODE = /[A-Z][A-Z0-9.]*-\d{6}-\d{4}/g;
const DATE_PHRASE = /(?:\d\d giờ \d\d phút, )?ngày \d\d tháng \d\d năm \d{4}/g;

/**
 * Text as a form prints it: a dossier code never breaks at its hyphens (non-breaking hyphens, U+2011), a
 * time or date phrase never across lines (no-break spaces), so “… năm” never ends a line with “2026” below,
 * and a paper's number “<n>/TNHS” never at its slash.
 */
const PAPER_NUMBER = /\b(\d+)\/(?=[A-ZĐ]{2,})/g;

export const keep = (text: string): string =>
  text
    .replace(DOSSIER_CODE, (code) => code.replace(/-/g, '\u2011'))
    .replace(DATE_PHRASE, (phrase) => phrase.replace(/ /g, '\u00a0'))
    // “1/TNHS” stays whole: printed with the division slash (U+2215), which offers no break.
    .replace(PAPER_NUMBER, '$1\u2215');

/**
 * An agency's name as a heading or a signing block prints it: the place it is named after stays on one line
 * with its unit (“UBND / HUYỆN YÊN THẾ”, never “HUYỆN YÊN / THẾ”); a place of more than four words may break.
 */
const UNIT = '(?:thành phố|thị trấn|thị xã|huyện|tỉnh|xã|phường|quận)';
const PLACE = new RegExp(`(^|\\s)(${UNIT}(?:\\s+(?!${UNIT}(?:\\s|$))\\S+){1,4})$`, 'iu');
export const placeWhole = (name: string): string => name.replace(PLACE, (_match, before: string, place: string) => before + place.replace(/\s+/g, '\u00a0'));

export function newDocument(size: 'A4' | 'A5', layout: 'portrait' | 'landscape', title: string): Doc {
  const doc = new PDFDocument({ size, layout, margin: size === 'A5' ? 28 : 36, info: { Title: title, Creator: 'Một Cửa Hub' }, autoFirstPage: true });
  // Every text drawn or measured goes through `keep`, so no form can break a code or a date.
  const draw = doc.text.bind(doc);
  const height = doc.heightOfString.bind(doc);
  doc.text = ((value: unknown, ...rest: unknown[]) => (draw as (...args: unknown[]) => Doc)(typeof value === 'string' ? keep(value) : value, ...rest)) as Doc['text'];
  doc.heightOfString = ((value: string, options?: PDFKit.Mixins.TextOptions) => height(keep(value), options)) as Doc['heightOfString'];
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  doc.font('regular');
  return doc;
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * The heading every form starts with: the agency and its unit on the left with the form's number, the
 * national motto on the right with the place and date. Returns the y below it.
 */
export function heading(
  doc: Doc,
  column: Column,
  y: number,
  options: { agency: string; unit: string[]; number: string; placeAndDate: string; size?: number },
): number {
  const size = options.size ?? 8.5;
  const left = { x: column.x, width: column.width * 0.42 };
  const right = { x: column.x + column.width * 0.42, width: column.width * 0.58 };
  doc.font('regular').fontSize(size).text(placeWhole(options.agency.toLocaleUpperCase('vi')), left.x, y, { width: left.width, align: 'center' });
  doc.font('bold').text(options.unit.join('\n'), left.x, doc.y, { width: left.width, align: 'center' });
  // The rules sit clear of the letters above and below them.
  rule(doc, left.x + left.width * 0.3, doc.y + 2.5, left.width * 0.4);
  doc.font('regular').text(`Số: ${options.number}`, left.x, doc.y + 6, { width: left.width, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(size).text(MOTTO[0], right.x, y, { width: right.width, align: 'center' });
  doc.text(MOTTO[1], right.x, doc.y, { width: right.width, align: 'center' });
  rule(doc, right.x + right.width * 0.25, doc.y + 2.5, right.width * 0.5);
  doc.font('italic').text(options.placeAndDate, right.x, doc.y + 6, { width: right.width, align: 'center' });
  return Math.max(leftBottom, doc.y) + 10;
}

function rule(doc: Doc, x: number, y: number, width: number): void {
  doc.moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).stroke();
}

export function title(doc: Doc, column: Column, y: number, text: string, size = 11): number {
  doc.font('bold').fontSize(size).text(text, column.x, y, { width: column.width, align: 'center' });
  return doc.y + 4;
}

/** Several “Label: value” pairs on one line, each label regular and each value bold. */
export function fieldsOnLine(doc: Doc, column: Column, pairs: Array<[label: string, value: string]>, size = 9): void {
  doc.fontSize(size);
  pairs.forEach(([label, value], index) => {
    const last = index === pairs.length - 1;
    const spaced = `${index > 0 ? '     ' : ''}${label} `;
    if (index === 0) doc.font('regular').text(spaced, column.x, doc.y, { width: column.width, continued: true });
    else doc.font('regular').text(spaced, { continued: true });
    doc.font('bold').text(value || '…', { continued: !last });
  });
}

/** “Label: value” lines flowing down the column. */
export function field(doc: Doc, column: Column, label: string, value: string, size = 9): void {
  doc.font('regular').fontSize(size).text(`${label} `, column.x, doc.y, { width: column.width, continued: true });
  doc.font('bold').text(value || '…', { width: column.width });
}

export function paragraph(doc: Doc, column: Column, text: string, options: { font?: 'regular' | 'bold' | 'italic'; size?: number; indent?: number } = {}): void {
  doc.font(options.font ?? 'regular').fontSize(options.size ?? 9).text(text, column.x + (options.indent ?? 0), doc.y, { width: column.width - (options.indent ?? 0) });
}

/** Signature blocks side by side: the role, “(Ký và ghi rõ họ tên)”, room to sign, the name. */
export function signatures(doc: Doc, column: Column, y: number, blocks: Array<{ role: string; hint?: string; name: string }>, size = 9): number {
  const width = column.width / blocks.length;
  let bottom = y;
  blocks.forEach((block, index) => {
    const x = column.x + index * width;
    doc.font('bold').fontSize(size).text(block.role, x, y, { width, align: 'center' });
    doc.font('italic').fontSize(size - 1).text(block.hint ?? '(Ký và ghi rõ họ tên)', x, doc.y, { width, align: 'center' });
    doc.font('bold').fontSize(size).text(block.name, x, doc.y + 36, { width, align: 'center' });
    bottom = Math.max(bottom, doc.y);
  });
  return bottom + 6;
}

/**
 * The signing block of a paper an agency issues (apology, stop, written answer): the agency's name as it
 * signs, the stamp hint and the officer who recorded it, for the head or the one the head authorises to sign.
 */
export function agencySignature(agencyName: string, officer: string): { role: string; hint: string; name: string } {
  return { role: placeWhole(agencyName.toLocaleUpperCase('vi')), hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: officer };
}

/** A QR code carrying `content` (the dossier's code, for tracking), with the code printed under it. */
export async function qr(doc: Doc, content: string, x: number, y: number, size = 62): Promise<void> {
  const png = await QRCode.toBuffer(content, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  const flow = { x: doc.x, y: doc.y };
  doc.image(png, x, y, { width: size, height: size });
  // The caption on one line, centred under the code, however long the dossier code.
  doc.font('regular').fontSize(6);
  const width = doc.widthOfString(keep(content));
  doc.text(content, x + size / 2 - width / 2, y + size + 1, { lineBreak: false });
  // The code sits beside the text; the text goes on where it was.
  doc.x = flow.x;
  doc.y = flow.y;
}

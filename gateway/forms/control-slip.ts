import { type Column, DESK_UNIT, field, heading, newDocument, paragraph, qr, title, toBuffer } from './pdf';
import { placeAndDate, shortTime, timeWords, TIMELINESS_WORDS } from '../../subgraphs/common/vietnamese';
import { at, serialOf, type ReceivedDossier } from './dossier-form';

/** The seed's notes under form 04. */
const CONTROL_SLIP_NOTES = [
  '- Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận thể hiện trong hóa đơn của cơ quan Bưu chính;',
  '- Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận bàn giao hồ sơ.',
];

/** The desk as the control slip names it when it hands over or receives. */
const DESK = 'Bộ phận TN&TKQ';

interface SlipRow {
  from: string;
  to: string;
  handedAt: string;
  handedBy: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  result: string | null;
  note: string;
}

/**
 * The rows of the slip in time order: the desk hands the dossier to the processing unit first, even one of
 * its own agency; each hand-over after that; the supplement's round trip through the desk.
 */
function slipRows(dossier: ReceivedDossier): SlipRow[] {
  const rows: SlipRow[] = dossier.transfers.map((transfer, index) => ({
    from: index === 0 && transfer.fromName === dossier.deskName ? `${DESK} (${transfer.fromName})` : transfer.fromName,
    to: transfer.kind === 'RESULT' && transfer.toName === dossier.deskName ? `${DESK} (${transfer.toName})` : transfer.toName,
    handedAt: transfer.handedAt,
    handedBy: transfer.handedBy,
    acceptedAt: transfer.acceptedAt,
    acceptedBy: transfer.acceptedBy,
    result: transfer.result,
    note: transfer.note ?? '',
  }));
  if (!dossier.transfers.some((transfer) => transfer.fromName === dossier.deskName) && dossier.legs[0]?.agencyName === dossier.deskName) {
    rows.unshift({ from: DESK, to: dossier.deskName, handedAt: dossier.receivedAt, handedBy: dossier.receivedBy, acceptedAt: null, acceptedBy: null, result: null, note: dossier.legs[0].task });
  }
  for (const event of dossier.history) {
    if (event.action === 'REQUEST_SUPPLEMENT') {
      rows.push({ from: event.agencyName, to: DESK, handedAt: event.at, handedBy: event.actorName, acceptedAt: null, acceptedBy: null, result: null, note: `Yêu cầu bổ sung: ${dossier.supplementItems.join('; ')}` });
    }
    if (event.action === 'RETURN' && dossier.returnChannel === 'POST') {
      // Trả qua bưu chính: the desk hands the result to the post; the post's receipt holds its signature (the first note).
      const { receivedBy, postalTrackingNumber } = JSON.parse(event.details) as { receivedBy?: string; postalTrackingNumber?: string | null };
      const post = receivedBy ? `Bưu chính (${receivedBy})` : 'Bưu chính';
      rows.push({ from: DESK, to: post, handedAt: event.at, handedBy: event.actorName, acceptedAt: null, acceptedBy: null, result: null, note: `Trả kết quả qua dịch vụ bưu chính, số hiệu bưu gửi ${postalTrackingNumber ?? dossier.postalTrackingNumber ?? ''}` });
    }
    if (event.action === 'SUPPLEMENT') {
      const asker = [...dossier.history].reverse().find((earlier) => earlier.action === 'REQUEST_SUPPLEMENT' && earlier.at <= event.at);
      rows.push({ from: DESK, to: asker?.agencyName ?? dossier.deskName, handedAt: event.at, handedBy: event.actorName, acceptedAt: null, acceptedBy: null, result: null, note: 'Hồ sơ đã bổ sung' });
    }
  }
  return rows.sort((a, b) => at(a.handedAt).getTime() - at(b.handedAt).getTime());
}

/** The agency that leads the work (Dossier.leadAgencyName, as the ledger has it) and those that take part on the way. */
const LEADS = (dossier: ReceivedDossier) => {
  const lead = dossier.leadAgencyName ?? dossier.deskName;
  const partners = [...new Set(dossier.legs.map((leg) => leg.agencyName))].filter((name) => name !== lead && name !== dossier.deskName);
  return { lead, partners };
};

/** Phiếu kiểm soát quá trình giải quyết hồ sơ (seed form 04): one row per hand-over, both signatures. */
export async function controlSlipPdf(dossier: ReceivedDossier): Promise<Buffer> {
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

  const table = { x: column.x, widths: [0.28, 0.18, 0.18, 0.14, 0.22].map((share) => share * column.width) };
  const xOf = (index: number) => table.x + table.widths.slice(0, index).reduce((sum, width) => sum + width, 0);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const box = (x: number, y: number, width: number, height: number) => doc.rect(x, y, width, height).lineWidth(0.4).stroke();
  const drawHeader = () => {
    doc.font('bold').fontSize(7);
    const heads = ['TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)', 'GHI CHÚ'];
    const spans = [[0, 1], [1, 3], [3, 4], [4, 5]];
    const height = Math.max(...heads.map((head, index) => doc.heightOfString(head, { width: xOf(spans[index][1]) - xOf(spans[index][0]) - 6 }))) + 6;
    const y = doc.y;
    heads.forEach((head, index) => {
      const [from, to] = spans[index];
      box(xOf(from), y, xOf(to) - xOf(from), height);
      doc.text(head, xOf(from) + 3, y + 3, { width: xOf(to) - xOf(from) - 6, align: 'center' });
    });
    doc.y = y + height;
  };
  /**
   * One hand-over as the seed draws it: the agencies (giao, nhận), the time across the two signature cells,
   * then “Người giao” and “Người nhận”, each “(Ký và ghi rõ họ tên)” with room to sign and the name under it.
   */
  const drawHandOver = (row: SlipRow) => {
    doc.font('regular').fontSize(7);
    const names = `1. Giao: ${row.from}\n2. Nhận: ${row.to}`;
    const timeLine = `${timeWords(at(row.handedAt))}`;
    const timeHeight = doc.heightOfString(timeLine, { width: xOf(3) - xOf(1) - 6 }) + 6;
    const signHeight = 54;
    const height = Math.max(timeHeight + signHeight, doc.heightOfString(names, { width: table.widths[0] - 6 }) + 6, doc.heightOfString(row.note, { width: table.widths[4] - 6 }) + 6);
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawHeader();
      // The header leaves its bold type set; the row is in regular type, as on the first page.
      doc.font('regular').fontSize(7);
    }
    const y = doc.y;
    box(xOf(0), y, table.widths[0], height);
    doc.text(names, xOf(0) + 3, y + 3, { width: table.widths[0] - 6 });
    box(xOf(1), y, xOf(3) - xOf(1), timeHeight);
    doc.text(timeLine, xOf(1) + 3, y + 3, { width: xOf(3) - xOf(1) - 6, align: 'center' });
    for (const [index, role, name, when] of [
      [1, 'Người giao', row.handedBy, null],
      [2, 'Người nhận', row.acceptedBy, row.acceptedAt],
    ] as const) {
      const top = y + timeHeight;
      box(xOf(index), top, table.widths[index], height - timeHeight);
      doc.font('bold').fontSize(7).text(role, xOf(index) + 3, top + 3, { width: table.widths[index] - 6, align: 'center' });
      doc.font('italic').fontSize(6).text('(Ký và ghi rõ họ tên)', xOf(index) + 3, doc.y, { width: table.widths[index] - 6, align: 'center' });
      if (name) doc.font('regular').fontSize(7).text(name, xOf(index) + 3, y + height - 12, { width: table.widths[index] - 6, align: 'center' });
      if (when) doc.font('italic').fontSize(5.5).text(`Nhận: ${shortTime(at(when))}`, xOf(index) + 3, y + height - 20, { width: table.widths[index] - 6, align: 'center' });
    }
    box(xOf(3), y, table.widths[3], height);
    doc.font('regular').fontSize(7).text(row.result ? TIMELINESS_WORDS[row.result] : '', xOf(3) + 3, y + 3, { width: table.widths[3] - 6, align: 'center' });
    box(xOf(4), y, table.widths[4], height);
    doc.text(row.note, xOf(4) + 3, y + 3, { width: table.widths[4] - 6 });
    doc.y = y + height;
  };
  doc.y += 6;
  drawHeader();
  for (const row of slipRows(dossier)) drawHandOver(row);
  doc.y += 4;
  paragraph(doc, column, 'Ghi chú:', { font: 'italic', size: 7 });
  for (const note of CONTROL_SLIP_NOTES) paragraph(doc, column, note, { font: 'italic', size: 7, indent: 6 });
  return toBuffer(doc);
}

import { type Column, DESK_UNIT, field, heading, newDocument, paragraph, qr, title, toBuffer } from './pdf';
import { placeAndDate, timeWords, TIMELINESS_WORDS } from '../../subgraphs/common/vietnamese';
import { at, serialOf, type ReceivedDossier } from './dossier-form';

/** The agency that leads the work (the last leg's) and those that take part on the way. */
const LEADS = (dossier: ReceivedDossier) => {
  const lead = dossier.legs.at(-1)?.agencyName ?? dossier.deskName;
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

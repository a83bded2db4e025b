import { agencySignature, type Column, field, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { placeAndDate, timeWords } from '../../subgraphs/common/vietnamese';
import { at, lastEvent, paperNumber, serialOf, type ReceivedDossier } from './dossier-form';

/** Phiếu xin lỗi và hẹn lại ngày trả kết quả, from the agency that will be late. */
export async function apologyPdf(dossier: ReceivedDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'APOLOGIZE');
  if (!event || !dossier.apologizedAt) return null;
  const doc = newDocument('A5', 'portrait', `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${dossier.code}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, column, doc.page.margins.top, {
    agency: event.agencyName,
    unit: [],
    number: paperNumber(event) ?? `${serialOf(dossier.receiptNumber)}/PXL`,
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
    agencySignature(event.agencyName, event.actorName),
  ]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

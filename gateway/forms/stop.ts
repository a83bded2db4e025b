import { formNumber } from './circulars';
import { at, lastEvent, pageColumn, type FormDossier } from './dossier-form';
import { agencySignature, field, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { dateWords, placeAndDate } from '../../subgraphs/common/vietnamese';

/**
 * Thông báo dừng giải quyết hồ sơ: the agency that held the dossier tells the applicant it stopped the
 * processing and why (the applicant did not supplement in time, or asked to stop).
 */
export async function stopPdf(dossier: FormDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'STOP');
  if (!event || !dossier.stoppedAt) return null;
  const stoppedAt = at(dossier.stoppedAt);
  const doc = newDocument('A5', 'portrait', `Thông báo dừng giải quyết hồ sơ ${dossier.code}`);
  const column = pageColumn(doc);
  const form = formNumber('stop', stoppedAt);
  if (form) doc.font('italic').fontSize(7).text(form, column.x, doc.page.margins.top - 14, { width: column.width, align: 'right' });
  const y = heading(doc, column, doc.page.margins.top, { agency: event.agencyName, unit: [], number: '……', placeAndDate: placeAndDate(event.agencyName, stoppedAt), size: 7.5 });
  doc.y = title(doc, column, y, 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 10.5) + 4;
  doc.font('bold').fontSize(9).text(`Kính gửi: Ông (bà) ${dossier.applicant.name}`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.5);
  paragraph(
    doc,
    column,
    `${event.agencyName} thông báo dừng giải quyết hồ sơ đề nghị giải quyết thủ tục “${dossier.procedureName}” của ông (bà)` +
      ` (mã hồ sơ ${dossier.code}${dossier.receiptNumber ? `, Giấy tiếp nhận hồ sơ và hẹn trả kết quả số ${dossier.receiptNumber}` : ''}, tiếp nhận ${dateWords(at(dossier.receivedAt))}).`,
  );
  field(doc, column, 'Lý do:', dossier.stopReason ?? '');
  paragraph(doc, column, `Hồ sơ được trả lại cho ông (bà) tại Bộ phận tiếp nhận và trả kết quả, ${dossier.deskName}./.`);
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [
    agencySignature(event.agencyName, event.actorName),
  ]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

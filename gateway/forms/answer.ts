import { at, lastEvent, pageColumn, type ReceivedDossier } from './dossier-form';
import { agencySignature, field, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { dateWords, placeAndDate } from '../../subgraphs/common/vietnamese';

/**
 * Văn bản trả lời: a denied dossier's written answer with its reasons, from the agency that decided it,
 * handed over with the dossier at the return.
 */
export async function answerPdf(dossier: ReceivedDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'RECORD_RESULT');
  if (!event || dossier.outcome !== 'DENIED') return null;
  const decidedAt = at(event.at);
  const doc = newDocument('A5', 'portrait', `Văn bản trả lời hồ sơ ${dossier.code}`);
  const column = pageColumn(doc);
  const y = heading(doc, column, doc.page.margins.top, { agency: event.agencyName, unit: [], number: '……', placeAndDate: placeAndDate(event.agencyName, decidedAt), size: 7.5 });
  doc.y = title(doc, column, y, 'VĂN BẢN TRẢ LỜI', 10.5);
  doc.font('italic').fontSize(8.5).text(`V/v không giải quyết hồ sơ ${dossier.code}`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(9).text(`Kính gửi: Ông (bà) ${dossier.applicant.name}`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.5);
  paragraph(
    doc,
    column,
    `${event.agencyName} đã xem xét hồ sơ đề nghị giải quyết thủ tục “${dossier.procedureName}” của ông (bà) (mã hồ sơ ${dossier.code}, ` +
      `Giấy tiếp nhận hồ sơ và hẹn trả kết quả số ${dossier.receiptNumber}, tiếp nhận ${dateWords(at(dossier.receivedAt))}). ` +
      'Hồ sơ không được giải quyết vì lý do sau:',
  );
  field(doc, column, 'Lý do:', dossier.outcomeNote ?? '');
  paragraph(doc, column, `Văn bản này và hồ sơ được trả cho ông (bà) tại Bộ phận tiếp nhận và trả kết quả, ${dossier.deskName}./.`);
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [
    agencySignature(event.agencyName, event.actorName),
  ]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

import { type Column, field, fieldsOnLine, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { dateWords, placeAndDate } from '../../subgraphs/common/vietnamese';
import { at, lastEvent, paperNumber, serialOf, type ReceivedDossier } from './dossier-form';

/** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Decree 61/2018 Art. 19), from the processing agency. */
export async function supplementPdf(dossier: ReceivedDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'REQUEST_SUPPLEMENT');
  if (!event || !dossier.supplementRequestedAt) return null;
  const doc = newDocument('A5', 'portrait', `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${dossier.code}`);
  const column: Column = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const y = heading(doc, column, doc.page.margins.top, {
    agency: event.agencyName,
    unit: [],
    number: paperNumber(event) ?? `${serialOf(dossier.receiptNumber)}/YCBS`,
    placeAndDate: placeAndDate(event.agencyName, at(dossier.supplementRequestedAt)),
    size: 7.5,
  });
  doc.y = title(doc, column, y, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 10.5) + 4;
  field(doc, column, 'Mã hồ sơ:', dossier.code);
  field(doc, column, 'Hồ sơ của:', dossier.applicant.name);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', dossier.procedureName);
  field(doc, column, 'Địa chỉ:', dossier.applicant.address ?? '');
  fieldsOnLine(doc, column, [['Số điện thoại:', dossier.applicant.phone], ['Email:', dossier.applicant.email ?? '…']]);
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

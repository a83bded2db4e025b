import { type Column, DESK_UNIT, field, fieldsOnLine, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { placeAndDate } from '../../subgraphs/common/vietnamese';
import { at, type FormGuidanceSlip } from './dossier-form';

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
  fieldsOnLine(doc, column, [['Số điện thoại:', applicant.phone], ['Email:', applicant.email ?? '…']]);
  paragraph(doc, column, 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  const items = [...slip.missing.map((document) => `Bổ sung: ${document}`), ...slip.requirements];
  items.forEach((item, index) => paragraph(doc, column, `${index + 1}. ${item}`, { indent: 10 }));
  doc.moveDown(0.5);
  paragraph(
    doc,
    column,
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông (bà) liên hệ với ${slip.issuedBy}, Bộ phận tiếp nhận và trả kết quả ${slip.deskName}` +
      `${slip.desk.asOf?.phone ? `, số điện thoại ${slip.desk.asOf.phone}` : ''} để được hướng dẫn./.`,
  );
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [{ role: 'NGƯỜI HƯỚNG DẪN', name: slip.issuedBy }]);
  await qr(doc, slip.id, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

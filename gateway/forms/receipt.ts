import { type Column, DESK_UNIT, type Doc, field, fieldsOnLine, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { placeAndDate, timeWords } from '../../subgraphs/common/vietnamese';
import { at, type ReceivedDossier } from './dossier-form';

/** Giấy tiếp nhận hồ sơ và hẹn trả kết quả (seed form 03): two copies on one A4 sheet, cut into A5 halves. */
export async function receiptPdf(dossier: ReceivedDossier): Promise<Buffer> {
  const doc = newDocument('A4', 'landscape', `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${dossier.code}`);
  const half = doc.page.width / 2;
  for (const [index, copy] of ['Liên: Lưu', 'Liên: Giao khách hàng'].entries()) {
    const column: Column = { x: index * half + 24, width: half - 48 };
    await receiptCopy(doc, column, dossier, copy);
  }
  doc.save().moveTo(half, 20).lineTo(half, doc.page.height - 20).dash(3, { space: 3 }).lineWidth(0.5).stroke().restore();
  return toBuffer(doc);
}

/** The receipt as it was handed out: its documents, sets and appointment, recorded with the receipt. */
function asReceived(dossier: ReceivedDossier): { documents: string[]; copies: number; dueAt: string } {
  const receipt = dossier.history.find((event) => event.action === 'RECEIVE');
  const recorded = receipt ? (JSON.parse(receipt.details) as { documents?: string[]; copies?: number; dueAt?: string }) : {};
  return { documents: recorded.documents ?? dossier.documents, copies: recorded.copies ?? dossier.copies, dueAt: recorded.dueAt ?? dossier.dueAt };
}

async function receiptCopy(doc: Doc, column: Column, dossier: ReceivedDossier, copy: string): Promise<void> {
  const received = at(dossier.receivedAt);
  const handedOut = asReceived(dossier);
  doc.font('italic').fontSize(7.5).text('Mẫu số 03', column.x, 12, { width: column.width, align: 'right' });
  let y = heading(doc, column, 24, {
    agency: dossier.deskName,
    unit: DESK_UNIT,
    number: dossier.receiptNumber,
    placeAndDate: placeAndDate(dossier.deskName, received),
  });
  y = title(doc, column, y, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 10.5);
  doc.font('bold').fontSize(9).text(`Mã hồ sơ: ${dossier.code}`, column.x, y, { width: column.width, align: 'center' });
  doc.font('italic').fontSize(8.5).text(`(${copy})`, column.x, doc.y, { width: column.width, align: 'center' });
  doc.moveDown(0.4);
  const { applicant } = dossier;
  field(doc, column, 'Bộ phận tiếp nhận và trả kết quả', dossier.deskName, 8.5);
  const contact = [dossier.desk.asOf?.address, dossier.desk.asOf?.phone && `Điện thoại: ${dossier.desk.asOf.phone}`].filter(Boolean).join('. ');
  if (contact) paragraph(doc, column, contact, { size: 8, indent: 10 });
  field(doc, column, 'Tiếp nhận hồ sơ của:', applicant.name, 8.5);
  field(doc, column, 'Địa chỉ:', applicant.address ?? '', 8.5);
  fieldsOnLine(doc, column, [['Số điện thoại:', applicant.phone], ['Email:', applicant.email ?? '…']], 8.5);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', dossier.procedureName, 8.5);
  paragraph(doc, column, '1. Thành phần hồ sơ nộp gồm:', { size: 8.5 });
  handedOut.documents.forEach((document, index) => paragraph(doc, column, `${index + 1}) ${document}`, { size: 8, indent: 10 }));
  field(doc, column, '2. Số lượng hồ sơ:', `${handedOut.copies} (bộ)`, 8.5);
  field(doc, column, '3. Thời gian giải quyết hồ sơ theo quy định là:', `${dossier.processingDays} ngày làm việc`, 8.5);
  field(doc, column, '4. Thời gian nhận hồ sơ:', timeWords(received), 8.5);
  // Line 5 is the appointment: bold as a whole, as the seed prints it.
  doc.font('bold').fontSize(8.5).text(`5. Thời gian trả kết quả giải quyết hồ sơ: ${timeWords(at(handedOut.dueAt))}`, column.x, doc.y, { width: column.width });
  field(
    doc,
    column,
    '6. Đăng ký nhận kết quả tại:',
    dossier.delivery === 'POSTAL' ? `địa chỉ của người nộp qua dịch vụ bưu chính (${applicant.address ?? ''})` : `Bộ phận tiếp nhận và trả kết quả, ${dossier.deskName}`,
    8.5,
  );
  fieldsOnLine(doc, column, [['Vào Sổ theo dõi hồ sơ, Quyển số:', String(dossier.ledgerVolume)], ['Số thứ tự:', String(dossier.ledgerNumber)]], 8.5);
  const y2 = signatures(doc, column, doc.y + 8, [
    { role: 'NGƯỜI NỘP HỒ SƠ', name: applicant.name },
    { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: dossier.receivedBy },
  ], 8.5);
  const qrY = Math.min(y2, doc.page.height - 150);
  await qr(doc, dossier.code, column.x + column.width / 2 - 28, qrY, 56);
  doc.y = qrY + 56 + 12;
  paragraph(doc, column, 'Ghi chú:', { font: 'italic', size: 7 });
  for (const note of RECEIPT_NOTES) paragraph(doc, column, note, { font: 'italic', size: 7, indent: 6 });
}

/** The seed's notes under form 03: the two copies, and where the result may be collected. */
const RECEIPT_NOTES = [
  '- Giấy tiếp nhận và hẹn trả kết quả được lập thành 2 liên; một liên chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận tiếp nhận và trả kết quả; một liên giao cho cá nhân, tổ chức nộp hồ sơ;',
  '- Cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận tiếp nhận và trả kết quả hoặc tại nhà (trụ sở tổ chức) qua dịch vụ bưu chính.',
];

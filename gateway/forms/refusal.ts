import { formNumber } from './circulars';
import { at, lastEvent, pageColumn, type FormDossier } from './dossier-form';
import { DESK_UNIT, field, heading, newDocument, paragraph, qr, signatures, title, toBuffer } from './pdf';
import { placeAndDate, timeWords } from '../../subgraphs/common/vietnamese';

const CHANNEL_WORDS = { COUNTER: 'Trực tiếp tại Bộ phận tiếp nhận và trả kết quả', ONLINE: 'Trực tuyến', POST: 'Qua dịch vụ bưu chính công ích' };

/**
 * Phiếu từ chối tiếp nhận giải quyết hồ sơ: the desk's reasons for turning the dossier away, handed (or
 * sent) to the applicant; the form of the circular in force on the day of the refusal (`circulars.ts`).
 */
export async function refusalPdf(dossier: FormDossier): Promise<Buffer | null> {
  const event = lastEvent(dossier, 'REFUSE');
  if (!event || !dossier.refusedAt) return null;
  const refusedAt = at(dossier.refusedAt);
  const doc = newDocument('A5', 'portrait', `Phiếu từ chối tiếp nhận giải quyết hồ sơ ${dossier.code}`);
  const column = pageColumn(doc);
  const form = formNumber('refusal', refusedAt);
  if (form) doc.font('italic').fontSize(7).text(form, column.x, doc.page.margins.top - 14, { width: column.width, align: 'right' });
  const y = heading(doc, column, doc.page.margins.top, {
    agency: dossier.deskName,
    unit: DESK_UNIT,
    number: '……',
    placeAndDate: placeAndDate(dossier.deskName, refusedAt),
    size: 7.5,
  });
  doc.y = title(doc, column, y, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 10.5) + 4;
  const { applicant } = dossier;
  field(doc, column, 'Bộ phận tiếp nhận và trả kết quả', dossier.deskName);
  field(doc, column, 'Tiếp nhận hồ sơ của:', applicant.name);
  field(doc, column, 'Địa chỉ:', applicant.address ?? '');
  field(doc, column, 'Số điện thoại:', applicant.phone);
  field(doc, column, 'Nội dung yêu cầu giải quyết:', dossier.procedureName);
  field(doc, column, 'Mã hồ sơ:', dossier.code);
  field(doc, column, 'Hình thức nộp:', CHANNEL_WORDS[dossier.channel]);
  field(doc, column, 'Thời gian nộp:', timeWords(at(dossier.submittedAt ?? dossier.receivedAt)));
  doc.moveDown(0.3);
  paragraph(doc, column, `Qua xem xét, Bộ phận tiếp nhận và trả kết quả ${dossier.deskName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`);
  dossier.refusalReasons.forEach((reason, index) => paragraph(doc, column, `${index + 1}. ${reason}`, { indent: 10 }));
  doc.moveDown(0.3);
  paragraph(doc, column, 'Xin thông báo để ông (bà) được biết và thực hiện./.');
  const bottom = signatures(doc, { x: column.x + column.width / 2, width: column.width / 2 }, doc.y + 10, [{ role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: event.actorName }]);
  await qr(doc, dossier.code, column.x + 10, bottom - 70, 56);
  return toBuffer(doc);
}

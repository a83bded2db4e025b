import type { EntityManager } from '@mikro-orm/postgresql';
import { shortTime, timeWords } from '../../common/vietnamese';
import type { Dossier } from '../dossier/dossier.entity';
import { appointment } from '../rulebook/state';
import { Delivery, Outcome } from '../rulebook/statuses';
import { Notice, NoticeChannel, NoticeKind, NoticeStatus } from './notice.entity';
import { insertOf, type Statement } from '../../common/statements';

/**
 * What the applicant is told, in the words a desk would use (Decree 61/2018, Art. 18–20). Each notice is
 * written into the same transaction as the change it tells of and sent later by the dispatcher.
 */

interface Message {
  subject: string;
  /** The e-mail: the whole story. */
  email: string;
  /** The SMS: the code, what happened, what to do. */
  sms: string;
}

/** Facts of the change that the dossier does not keep itself. */
export interface NoticeFacts {
  /** The agency that asked for the supplement or apologised. */
  agencyName?: string;
}

/** The desk that returns the result: the receiving one, or the agency that took it over when it closed. */
const DESK = (dossier: Dossier) => `Bộ phận Tiếp nhận và Trả kết quả ${dossier.returnDeskName}`;

const FOOTER = [
  '',
  'Ông/Bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và số điện thoại đã khai khi nộp hồ sơ.',
  'Thư này do hệ thống một cửa gửi tự động; xin đừng trả lời thư này.',
];

const letter = (dossier: Dossier, lines: string[]) => [`Kính gửi Ông/Bà ${dossier.applicant.name},`, '', ...lines, ...FOOTER].join('\n');

const COMPOSE: Record<NoticeKind, (dossier: Dossier, facts: NoticeFacts) => Message> = {
  RECEIVED: (dossier) => ({
    subject: `Đã tiếp nhận hồ sơ ${dossier.code}`,
    email: letter(dossier, [
      `${DESK(dossier)} đã tiếp nhận hồ sơ của Ông/Bà.`,
      `- Mã hồ sơ: ${dossier.code}`,
      `- Thủ tục: ${dossier.procedureName}`,
      `- Tiếp nhận lúc: ${timeWords(dossier.receivedAt)}`,
      `- Hẹn trả kết quả: ${timeWords(appointment(dossier))}`,
      dossier.delivery === Delivery.POSTAL
        ? '- Nhận kết quả: qua dịch vụ bưu chính công ích, theo địa chỉ đã đăng ký'
        : `- Nhận kết quả: tại ${DESK(dossier)}`,
    ]),
    sms: `${dossier.deskName} đã tiếp nhận hồ sơ ${dossier.code}, hẹn trả kết quả ${shortTime(appointment(dossier))}.`,
  }),
  SUPPLEMENT_REQUESTED: (dossier, facts) => ({
    subject: `Hồ sơ ${dossier.code} cần bổ sung`,
    email: letter(dossier, [
      `${facts.agencyName ?? dossier.deskName} đề nghị Ông/Bà bổ sung hồ sơ ${dossier.code} (${dossier.procedureName}) các giấy tờ sau:`,
      ...dossier.supplementItems.map((item) => `- ${item}`),
      '',
      `Xin mời Ông/Bà nộp bổ sung tại ${DESK(dossier)}. Thời hạn giải quyết được tính lại từ ngày hồ sơ được bổ sung đầy đủ.`,
    ]),
    sms: `Hồ sơ ${dossier.code} cần bổ sung: ${dossier.supplementItems.join('; ')}. Mời Ông/Bà nộp bổ sung tại ${dossier.returnDeskName}.`,
  }),
  APOLOGY: (dossier, facts) => ({
    subject: `Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${dossier.code}`,
    email: letter(dossier, [
      `${facts.agencyName ?? dossier.deskName} xin lỗi Ông/Bà vì hồ sơ ${dossier.code} (${dossier.procedureName}) không giải quyết kịp theo hẹn ${timeWords(dossier.previousDueAt ?? appointment(dossier))}.`,
      `Lý do: ${dossier.apologyReason ?? ''}`,
      `Thời gian hẹn trả kết quả mới: ${timeWords(appointment(dossier))}.`,
      'Mong Ông/Bà thông cảm.',
    ]),
    sms: `${facts.agencyName ?? dossier.deskName} xin lỗi Ông/Bà vì hồ sơ ${dossier.code} chậm so với hẹn. Hẹn trả kết quả mới: ${shortTime(appointment(dossier))}.`,
  }),
  REFUSED: (dossier) => ({
    subject: `Từ chối tiếp nhận hồ sơ ${dossier.code}`,
    email: letter(dossier, [
      `${DESK(dossier)} từ chối tiếp nhận hồ sơ ${dossier.code} (${dossier.procedureName}) của Ông/Bà vì lý do sau:`,
      ...dossier.refusalReasons.map((reason) => `- ${reason}`),
      '',
      `Phiếu từ chối tiếp nhận giải quyết hồ sơ được trả cho Ông/Bà tại ${DESK(dossier)}.`,
    ]),
    sms: `${dossier.returnDeskName} từ chối tiếp nhận hồ sơ ${dossier.code}: ${dossier.refusalReasons.join('; ')}.`,
  }),
  STOPPED: (dossier, facts) => ({
    subject: `Dừng xử lý hồ sơ ${dossier.code}`,
    email: letter(dossier, [
      `${facts.agencyName ?? dossier.deskName} dừng xử lý hồ sơ ${dossier.code} (${dossier.procedureName}) của Ông/Bà.`,
      `Lý do: ${dossier.stopReason ?? ''}`,
      '',
      `Thông báo dừng xử lý hồ sơ được trả cho Ông/Bà tại ${DESK(dossier)}.`,
    ]),
    sms: `${facts.agencyName ?? dossier.deskName} dừng xử lý hồ sơ ${dossier.code}. Lý do: ${dossier.stopReason ?? ''}.`,
  }),
  RESULT_READY: (dossier) => {
    const collect =
      dossier.delivery === Delivery.POSTAL
        ? 'Kết quả sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính công ích theo địa chỉ đã đăng ký.'
        : `Mời Ông/Bà đến ${DESK(dossier)} nhận kết quả, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`;
    const denied = dossier.outcome === Outcome.DENIED ? ['Hồ sơ không được chấp thuận; lý do được nêu trong văn bản trả lời.'] : [];
    return {
      subject: `Hồ sơ ${dossier.code} đã có kết quả`,
      email: letter(dossier, [`Hồ sơ ${dossier.code} (${dossier.procedureName}) đã có kết quả.`, ...denied, collect]),
      sms:
        dossier.delivery === Delivery.POSTAL
          ? `Hồ sơ ${dossier.code} đã có kết quả và sẽ được gửi qua bưu chính.`
          : `Hồ sơ ${dossier.code} đã có kết quả. Mời Ông/Bà đến ${dossier.returnDeskName} nhận kết quả.`,
    };
  },
};

/**
 * The notices of one change: an SMS to the applicant's phone and, when given, an e-mail, as the inserts of
 * their rows, written with the change. Writing a notice never fails the change: should one not compose, it
 * is kept as FAILED with the reason.
 */
export function noticeRows(em: EntityManager, dossier: Dossier, kind: NoticeKind, at: Date, facts: NoticeFacts = {}): Statement {
  const recipients: Array<[NoticeChannel, string]> = [[NoticeChannel.SMS, dossier.applicant.phone]];
  if (dossier.applicant.email) recipients.unshift([NoticeChannel.EMAIL, dossier.applicant.email]);
  let message: Message | null = null;
  let problem: string | null = null;
  try {
    message = COMPOSE[kind](dossier, facts);
  } catch (error) {
    problem = `Could not compose the notice: ${(error as Error).message}`;
  }
  return insertOf(
    em,
    recipients.map(([channel, recipient]) =>
      Object.assign(new Notice(), {
        dossier,
        kind,
        channel,
        recipient,
        subject: channel === NoticeChannel.EMAIL ? (message?.subject ?? null) : null,
        body: (channel === NoticeChannel.EMAIL ? message?.email : message?.sms) ?? '',
        createdAt: at,
        ...(problem ? { status: NoticeStatus.FAILED, lastError: problem } : {}),
      }),
    ),
  );
}

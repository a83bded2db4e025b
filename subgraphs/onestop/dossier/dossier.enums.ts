import { registerEnumType } from 'type-graphql';
import { Channel, Delivery, DossierStatus, Outcome, ReturnChannel, Timeliness, TransferKind } from '../rulebook/statuses';

/** The rulebook's vocabularies as GraphQL enums; imported by the entities that expose them. */

registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  description: 'Where a dossier stands, with the number the National Public Service Portal uses for it.',
  valuesConfig: {
    SUBMITTED: { description: '1: submitted online, not yet accepted' },
    RECEIVED: { description: '2: received at the desk' },
    REFUSED: { description: '3: refused' },
    IN_PROGRESS: { description: '4: being processed' },
    SUPPLEMENT_REQUESTED: { description: '5: waiting for the applicant to supplement (yêu cầu bổ sung); the clock is stopped' },
    AWAITING_PAYMENT: { description: '6: waiting for a financial obligation to be paid; the clock is stopped' },
    WITHDRAWN: { description: '7: withdrawn by the applicant (rút hồ sơ)' },
    STOPPED: { description: '8: processing stopped' },
    RESOLVED: { description: '9: result ready at the desk' },
    RETURNED: { description: '10: result returned to the applicant' },
  },
});

registerEnumType(Delivery, {
  name: 'Delivery',
  description: 'Where the applicant collects the result.',
  valuesConfig: { AT_DESK: { description: 'Tại Bộ phận tiếp nhận và trả kết quả' }, POSTAL: { description: 'Qua dịch vụ bưu chính' } },
});

registerEnumType(Channel, {
  name: 'Channel',
  description: 'How a dossier came in.',
  valuesConfig: {
    COUNTER: { description: 'Nộp trực tiếp tại Bộ phận tiếp nhận và trả kết quả' },
    ONLINE: { description: 'Nộp trực tuyến' },
    POST: { description: 'Nộp qua dịch vụ bưu chính công ích' },
  },
});

registerEnumType(ReturnChannel, {
  name: 'ReturnChannel',
  description: 'How the result was handed to the applicant.',
  valuesConfig: { AT_DESK: { description: 'Tại Bộ phận tiếp nhận và trả kết quả' }, POST: { description: 'Qua dịch vụ bưu chính công ích' } },
});

registerEnumType(Outcome, {
  name: 'Outcome',
  description: 'The result of a dossier.',
  valuesConfig: { APPROVED: { description: 'Giải quyết: the request is granted' }, DENIED: { description: 'Từ chối: refused, with written reasons' } },
});

registerEnumType(Timeliness, {
  name: 'Timeliness',
  description: 'A leg or a dossier against its deadline, by local calendar date.',
  valuesConfig: { EARLY: { description: 'Trước hạn' }, ON_TIME: { description: 'Đúng hạn' }, LATE: { description: 'Quá hạn' } },
});

registerEnumType(TransferKind, {
  name: 'TransferKind',
  description: 'Why a dossier changed hands.',
  valuesConfig: {
    ROUTE: { description: 'Along the procedure’s route, to the next leg’s agency' },
    RESULT: { description: 'The result going back to the receiving desk' },
    OTHER: { description: 'Off the route (a consultation, a return), with a note' },
  },
});

export { Channel, Delivery, DossierStatus, Outcome, ReturnChannel, Timeliness, TransferKind };

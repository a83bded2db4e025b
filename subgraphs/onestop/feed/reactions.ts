import type { FeedMessage } from '../../common/outbox';
import { change, type Deps } from '../dossier/change';
import { recordResult } from '../dossier/processing';
import { Outcome } from '../rulebook/statuses';
import { REGISTER_REACTIONS } from './registers';

/**
 * What onestop does when another subgraph's message arrives: each reaction runs one command through the
 * change pipeline as the producing agency's officer (SYSTEM), at the time the work was done there.
 */
export type Reaction = (deps: Deps, message: FeedMessage) => Promise<unknown>;

export const FEED_REACTIONS: Record<string, Reaction> = {
  // A tax notice completes the tax leg: on to the next agency, waiting with the clock stopped until it is paid.
  TAX_NOTICE_ISSUED: (deps, message) =>
    change(deps, message.dossierCode!, { type: 'AWAIT_PAYMENT', notice: String(message.payload.number), total: String(message.payload.total) }),
  TAX_NOTICE_PAID: async (deps, message) => {
    // A dossier with several notices moves on when the last of them is paid.
    if (message.payload.dossierPaid) await change(deps, message.dossierCode!, { type: 'PAYMENT_RECEIVED', paidAt: new Date(String(message.payload.paidAt)) });
  },
  // The commune's leg is done: the dossier goes on to the route's next agency.
  BIRTH_REGISTERED: (deps, message) =>
    change(deps, message.dossierCode!, {
      type: 'HAND_ON',
      note: `Đã đăng ký khai sinh: số ${String(message.payload.registerNumber)}, quyển số ${String(message.payload.book)}`,
    }),
  // The registers changed: forget what was kept of them; a reorganisation sends the dossiers after their work.
  ...REGISTER_REACTIONS,
  // The registered transfer is the dossier's result; it goes back to the desk.
  LAND_TRANSFER_RECORDED: (deps, message) =>
    recordResult(deps, message.dossierCode!, Outcome.APPROVED, `Đã đăng ký biến động, Giấy chứng nhận số ${String(message.payload.certificateNumber)}`),
};

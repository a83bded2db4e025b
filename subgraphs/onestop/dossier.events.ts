import { Outcome } from './dossier.entity';
import type { EventHandler } from './event-consumer';
import * as service from './dossier.service';

/**
 * What each producing subgraph's events do to a dossier. The actor is the producing agency's officer,
 * as SYSTEM; the time is when the work was done there.
 */
export const DOSSIER_EVENT_HANDLERS: Record<string, EventHandler> = {
  TAX_NOTICE_ISSUED: (deps, event) =>
    service.awaitPayment(deps, event.dossierCode!, { number: String(event.payload.number), total: String(event.payload.total) }),
  TAX_NOTICE_PAID: async (deps, event) => {
    // A dossier with several notices moves on when the last of them is paid.
    if (event.payload.dossierPaid) await service.paymentReceived(deps, event.dossierCode!, new Date(String(event.payload.paidAt)));
  },
  // The commune's leg is done: the dossier goes on to the route's next agency.
  BIRTH_REGISTERED: (deps, event) =>
    service.handOnAlongRoute(deps, event.dossierCode!, `Đã đăng ký khai sinh: số ${String(event.payload.registerNumber)}, quyển số ${String(event.payload.book)}`),
  // A closed agency's dossiers, or a moved competence's, go to the successor, one transaction each.
  AGENCY_CLOSED: async (deps, event) => {
    deps.graph.forget('directory.');
    const { agency, successor, successorName, reason } = event.payload as Record<string, string>;
    const closure = { closed: true } as const;
    for (const code of await service.dossiersAt(deps.em, agency, closure)) {
      await service.reassign(deps, code, agency, { code: successor, name: successorName }, reason, closure);
    }
  },
  COMPETENCE_MOVED: async (deps, event) => {
    deps.graph.forget('directory.');
    const { procedure, agency, successor, successorName, reason } = event.payload as Record<string, string>;
    const move = { closed: false, procedure } as const;
    for (const code of await service.dossiersAt(deps.em, agency, move)) {
      await service.reassign(deps, code, agency, { code: successor, name: successorName }, reason, move);
    }
  },
  // The registered transfer is the dossier's result; it goes back to the desk.
  LAND_TRANSFER_RECORDED: (deps, event) =>
    service.recordResult(deps, event.dossierCode!, Outcome.APPROVED, `Đã đăng ký biến động, Giấy chứng nhận số ${String(event.payload.certificateNumber)}`),
};

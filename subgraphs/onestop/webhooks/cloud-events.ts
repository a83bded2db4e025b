import type { Statement } from '../../common/statements';
import { formatDateTime } from '../../common/scalars';
import type { Dossier } from '../dossier/dossier.entity';
import type { Event, HandOver } from '../rulebook/events';
import type { DossierState } from '../rulebook/state';
import { DossierStatus, NATIONAL_STATUS_CODE } from '../rulebook/statuses';

/**
 * The dossier events agency systems can subscribe to, as CloudEvents 1.0 types. `status-changed` carries the
 * national status code (1–10) of every change of status: how a desk keeps the National Public Service
 * Portal (Cổng Dịch vụ công quốc gia) in sync.
 */
export const WEBHOOK_EVENT_TYPES = {
  'vn.motcua.dossier.received': 'A desk received the dossier (tiếp nhận).',
  'vn.motcua.dossier.handed-over': 'The dossier was handed to an agency (giao), on its route, for payment, back to the desk with the result, or to a successor.',
  'vn.motcua.dossier.accepted': 'The addressed agency accepted the dossier (nhận).',
  'vn.motcua.dossier.supplement-requested': 'The processing agency asked the applicant to supplement the dossier (yêu cầu bổ sung).',
  'vn.motcua.dossier.resolved': 'The result is at the desk, ready for the applicant (status 9).',
  'vn.motcua.dossier.returned': 'The result was returned to the applicant (trả kết quả, status 10).',
  'vn.motcua.dossier.status-changed': 'The dossier’s status changed; data carries the national status code, 1–10.',
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

const SOURCE = '/mot-cua-hub/onestop';

/** What a webhook is told of a dossier: its code, status and the agencies of the move, no applicant data. */
export interface DossierEventData {
  code: string;
  procedure: string;
  status: DossierStatus;
  nationalStatusCode: number;
  previousStatus: DossierStatus | null;
  /** The agency that made the change. */
  agency: string;
  /** For a move of the dossier (a hand-over, its acceptance): the agency it left and the one it went to. */
  from: string | null;
  to: string | null;
  at: string;
}

/**
 * The hand-over an event makes, if it moves the dossier to another agency: on its route, to the tax office
 * for payment, the result back to the desk, or to a closed agency's successor.
 */
function handOverOf(event: Event): HandOver | null {
  switch (event.type) {
    case 'HAND_OVER':
    case 'AWAIT_PAYMENT':
    case 'RECORD_RESULT':
    case 'REASSIGN':
      return event.transfer;
    default:
      return null;
  }
}

/** The CloudEvents types one dossier event sets off, with the agencies of the move. */
export function typesOf(event: Event, before: DossierStatus | null, after: DossierStatus): { types: WebhookEventType[]; from: string | null; to: string | null } {
  const types: WebhookEventType[] = [];
  const handOver = handOverOf(event);
  let from = handOver?.fromCode ?? null;
  let to = handOver?.toCode ?? null;
  if (event.type === 'RECEIVE') types.push('vn.motcua.dossier.received');
  if (handOver) types.push('vn.motcua.dossier.handed-over');
  if (event.type === 'ACCEPT') {
    types.push('vn.motcua.dossier.accepted');
    from = event.from;
    to = event.actor.agency;
  }
  if (event.type === 'REQUEST_SUPPLEMENT') types.push('vn.motcua.dossier.supplement-requested');
  if (after !== before && after === DossierStatus.RESOLVED) types.push('vn.motcua.dossier.resolved');
  if (after !== before && after === DossierStatus.RETURNED) types.push('vn.motcua.dossier.returned');
  if (after !== before) types.push('vn.motcua.dossier.status-changed');
  return { types, from, to };
}

/**
 * The deliveries, one per CloudEvent, for every active webhook that takes its type and whose agency may read
 * the dossier (its desk, and every agency that holds, held or was handed it: the access index, and `granted`,
 * the agencies the same change grants access to in the statement this one goes with). `seq` is the event's
 * number in the dossier's history, which makes each CloudEvent's id stable. Null when the event sets off none.
 */
export function webhookDeliveries(dossier: Dossier, event: Event, before: DossierState | null, after: DossierState, seq: number, granted: readonly string[]): Statement | null {
  const { types, from, to } = typesOf(event, before?.status ?? null, after.status);
  if (types.length === 0) return null;
  const data: DossierEventData = {
    code: dossier.code,
    procedure: dossier.procedureCode,
    status: after.status,
    nationalStatusCode: NATIONAL_STATUS_CODE[after.status],
    previousStatus: before?.status ?? null,
    agency: event.actor.agency,
    from,
    to,
    at: formatDateTime(event.at),
  };
  const payloads = types.map((type) =>
    JSON.stringify({
      specversion: '1.0',
      id: `${dossier.code}/${seq}/${type.slice('vn.motcua.dossier.'.length)}`,
      source: SOURCE,
      type,
      subject: dossier.code,
      time: data.at,
      datacontenttype: 'application/json',
      data,
    }),
  );
  // One statement for all of the event's types; ids follow the types' order, which the dispatcher keeps.
  return [
    `insert into onestop.webhook_delivery (webhook_id, message_id, type, dossier_code, payload, created_at)
     select w.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), t.type, ?, t.payload, ?
       from unnest(array[?]::text[], array[?]::text[]) with ordinality as t(type, payload, n)
       join onestop.webhook w on w.active and t.type = any(w.events)
      where w.agency_code in (select agency_code from onestop.dossier_access where dossier_code = ?) or w.agency_code = any(array[?]::text[])
      order by t.n, w.created_at, w.id`,
    [dossier.code, event.at, types, payloads, dossier.code, granted],
  ];
}

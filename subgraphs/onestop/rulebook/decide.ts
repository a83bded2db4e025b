import { classify } from '../../common/calendar';
import { localDate } from '../../common/scalars';
import type { Command, Facts } from './commands';
import type { Event, EventOf, HandOver } from './events';
import { badField, isRefusal, refuse, type Refusal } from './refusal';
import { regimeAt } from './regimes';
import { legDue, moveAppointment, planReceipt, restartPlan, shiftForWaiting } from './schedule';
import { appointment, legAt, pendingTransfer, recordedName, type DossierState } from './state';
import { Channel, DossierStatus, Outcome, ReturnChannel, Timeliness, TransferKind } from './statuses';
import { availability, deskPermission, permission, situationOf, submitPermission, type Action } from './workflow';

/**
 * decide(state, command, facts) → events, or the refusal: who may do it, whether the workflow allows it
 * now, and every rule of the particular command. Pure; `evolve` applies what it decides.
 */

/** The workflow action a command is checked as. */
export function actionOf(command: Command): Action {
  return command.type === 'HAND_ON' ? 'HAND_OVER' : command.type;
}

export function decide(state: DossierState | null, command: Command, facts: Facts): Event[] | Refusal {
  let decided: Event | Refusal;
  if (!state) {
    if (command.type === 'RECEIVE') decided = receive(command, facts, null);
    else if (command.type === 'SUBMIT') decided = submit(command, facts);
    else decided = refuse('CONFLICT', 'The dossier has not been received.');
  } else {
    const action = actionOf(command);
    decided = permission(state, action, facts.actor, facts.reads) ?? availability(situationOf(state), action) ?? rules(state, command, facts);
  }
  return isRefusal(decided) ? decided : [decided];
}

function rules(state: DossierState, command: Command, facts: Facts): Event | Refusal {
  const { now: at, actor } = facts;
  switch (command.type) {
    case 'SUBMIT':
      return refuse('CONFLICT', `Dossier ${state.code} was already submitted.`);
    case 'RECEIVE':
      if (command.code !== state.code || command.desk.code !== state.deskCode) {
        return badField('submitted', 'another desk’s dossier', `Dossier ${state.code} was submitted to ${state.deskName}.`);
      }
      return receive(command, facts, state);
    case 'REFUSE':
      return { type: 'REFUSE', at, actor, reasons: command.reasons };
    case 'STOP':
      return { type: 'STOP', at, actor, reason: command.reason };
    case 'HAND_OVER':
      return handOver(state, command, facts);
    case 'HAND_ON': {
      const next = legAt(state, state.currentLeg + 1);
      if (!next) return refuse('CONFLICT', `Dossier ${state.code} has no further leg to hand on to.`);
      return handOver(state, { type: 'HAND_OVER', to: next.agencyCode, target: { code: next.agencyCode, name: next.agencyName, open: true, successor: null }, note: command.note }, facts);
    }
    case 'ACCEPT':
      return accept(state, facts);
    case 'REQUEST_SUPPLEMENT': {
      const dueAt = command.dueAt ?? null;
      if (dueAt && dueAt <= at) return badField('dueAt', 'must be later than now', 'dueAt: the applicant must be given time to supplement.');
      return { type: 'REQUEST_SUPPLEMENT', at, actor, items: command.items, supplementDueAt: dueAt, ...(command.number ? { number: command.number } : {}) };
    }
    case 'SUPPLEMENT': {
      const plan = restartPlan(facts.calendar, at, state.legs, state.currentLeg, regimeAt(state.receivedAt).handOffCutoffMinutes);
      return { type: 'SUPPLEMENT', at, actor, documents: command.documents, ...plan };
    }
    case 'APOLOGIZE':
      return apologize(state, command, facts);
    case 'RECORD_RESULT':
      return recordResult(state, command, facts);
    case 'RETURN': {
      const channel = command.channel ?? ReturnChannel.AT_DESK;
      const tracking = command.postalTrackingNumber ?? null;
      if (channel === ReturnChannel.POST && !tracking) {
        return badField('postalTrackingNumber', 'required for a return by post', 'postalTrackingNumber: a result sent by post carries its tracking number.');
      }
      if (channel === ReturnChannel.AT_DESK && tracking) {
        return badField('postalTrackingNumber', 'only for a return by post', 'postalTrackingNumber: only a result sent by post has one.');
      }
      const timeliness = classify(state.resolvedAt ?? at, appointment(state)) as Timeliness;
      return { type: 'RETURN', at, actor, receivedBy: command.receivedBy, delivery: state.delivery, timeliness, channel, postalTrackingNumber: tracking };
    }
    case 'WITHDRAW':
      return { type: 'WITHDRAW', at, actor, reason: command.reason };
    case 'AWAIT_PAYMENT': {
      const next = legAt(state, state.currentLeg + 1);
      if (!next) return refuse('CONFLICT', 'The tax leg is the last of the route: there is no agency to wait for the payment at.');
      const note = `Thông báo nộp thuế số ${command.notice}: ${command.total} đồng`;
      const transfer = handOverTo(state, { code: next.agencyCode, name: next.agencyName }, TransferKind.ROUTE, note);
      return { type: 'AWAIT_PAYMENT', at, actor, notice: command.notice, total: command.total, transfer, legDueAt: next.dueAt ?? state.legDueAt };
    }
    case 'PAYMENT_RECEIVED': {
      const shift = shiftForWaiting(facts.calendar, state.legs, appointment(state), state.paymentAwaitedAt, command.paidAt);
      const legs = state.legs.map((leg) => ({ ...leg, dueAt: shift.legs.find((due) => due.seq === leg.seq)?.dueAt ?? leg.dueAt }));
      // In transit to the next leg's agency (handed on with the notice): that leg's deadline is the one that counts.
      const working = state.addresseeCode ? state.currentLeg + 1 : state.currentLeg;
      return {
        type: 'PAYMENT_RECEIVED',
        at,
        actor,
        paidAt: command.paidAt,
        waitedWorkingHours: Math.round((shift.waitedMs / 3_600_000) * 100) / 100,
        dueAt: shift.dueAt,
        legs: shift.legs,
        legDueAt: legDue(legs, working, shift.dueAt),
      };
    }
    case 'REASSIGN':
      return reassign(state, command, facts);
  }
}

/**
 * Nộp hồ sơ trực tuyến hoặc qua bưu chính: the desk's agency's online service or a public service portal
 * the directory marks (a SYSTEM of either) submits it; it waits for the desk, with no appointment before the desk's receipt.
 */
function submit(command: Extract<Command, { type: 'SUBMIT' }>, facts: Facts): EventOf<'SUBMIT'> | Refusal {
  const { actor } = facts;
  const refusal = submitPermission(actor, command.desk.code, command.byPortal);
  if (refusal) return refusal;
  if (command.channel !== Channel.ONLINE && command.channel !== Channel.POST) {
    return badField('channel', 'ONLINE or POST', 'channel: a submission comes online or by post; at the counter the desk receives it.');
  }
  const { code, desk, submittedAt, channel, documents, copies, delivery } = command;
  return { type: 'SUBMIT', at: facts.now, actor, code, deskCode: desk.code, deskName: desk.name, submittedAt, channel, documents, copies, delivery };
}

/**
 * Tiếp nhận at the desk, of a dossier handed in there or of a submitted one (`submitted`): the appointment
 * is counted from the desk's receipt, not from the submission.
 */
function receive(command: Extract<Command, { type: 'RECEIVE' }>, facts: Facts, submitted: DossierState | null): EventOf<'RECEIVE'> | Refusal {
  const refusal = deskPermission(facts.actor, command.desk.code, 'receive dossiers there');
  if (refusal) return refusal;
  if (submitted && submitted.status !== DossierStatus.SUBMITTED) return refuse('CONFLICT', `Dossier ${submitted.code} was received already.`);
  const firstLegAtDesk = command.route[0]?.agencyCode === command.desk.code;
  const plan = planReceipt(facts.calendar, command.receivedAt, command.route.map((leg) => leg.workingDays), firstLegAtDesk, regimeAt(command.receivedAt).handOffCutoffMinutes);
  return {
    type: 'RECEIVE',
    at: facts.now,
    actor: facts.actor,
    channel: submitted?.channel ?? Channel.COUNTER,
    code: command.code,
    deskCode: command.desk.code,
    deskName: command.desk.name,
    receivedAt: command.receivedAt,
    receiptNumber: command.receiptNumber,
    documents: command.documents,
    copies: command.copies,
    delivery: command.delivery,
    dueAt: plan.dueAt,
    dueProvisional: plan.dueProvisional,
    legDueAt: plan.legDueAt,
    currentLeg: plan.currentLeg,
    legs: command.route.map((leg, index) => ({ ...leg, dueAt: plan.legDueAts[index] })),
  };
}

/** Giao from the holder (or `from`) to `to`: the next row of the control slip. */
function handOverTo(state: DossierState, to: { code: string; name: string }, kind: TransferKind, note: string | null, from = state.holderCode!): HandOver {
  return { seq: state.transfers.length + 1, kind, fromCode: from, fromName: recordedName(state, from) ?? from, toCode: to.code, toName: to.name, note };
}

function handOver(state: DossierState, command: Extract<Command, { type: 'HAND_OVER' }>, { now: at, actor }: Facts): EventOf<'HAND_OVER'> | Refusal {
  const { target, note } = command;
  if (!target) return badField('to', 'unknown agency', `${command.to} is not in the agency directory.`);
  if (!target.open) {
    return badField('to', 'closed agency', `${target.name} is closed${target.successor ? `; its work went to ${target.successor}` : ''}.`);
  }
  if (target.code === state.holderCode) return badField('to', 'the holder itself', 'The dossier is already with that agency.');
  const next = legAt(state, state.currentLeg + 1);
  const current = legAt(state, state.currentLeg);
  const kind = next?.agencyCode === target.code ? TransferKind.ROUTE : TransferKind.OTHER;
  // Off the route (a consultation, a wrong agency) the hand-over must say why; back to the current leg's agency it need not.
  if (kind === TransferKind.OTHER && target.code !== current?.agencyCode && !note) {
    return badField('note', 'required off the route', `${target.name} is not on the route${next ? ` (next: ${next.agencyName})` : ''}; say why in a note (consultation, wrong agency).`);
  }
  const transfer = handOverTo(state, target, kind, note);
  const legDueAt = (kind === TransferKind.ROUTE ? next?.dueAt : current?.dueAt) ?? state.legDueAt;
  return { type: 'HAND_OVER', at, actor, transfer, legDueAt };
}

/** Nhận: the receiving side records how the leg just finished went, its hand-over date against its deadline. */
function accept(state: DossierState, { now: at, actor }: Facts): EventOf<'ACCEPT'> {
  const transfer = pendingTransfer(state)!;
  const finished = transfer.kind === TransferKind.OTHER ? undefined : legAt(state, state.currentLeg);
  const classified = finished?.dueAt ? { legSeq: finished.seq, result: classify(transfer.handedAt, finished.dueAt) as Timeliness } : { legSeq: null, result: null };
  return { type: 'ACCEPT', at, actor, transfer: transfer.seq, from: transfer.fromCode, ...classified };
}

/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả: at least one working day before the due date, once, to a
 * later time the offices are open.
 */
function apologize(state: DossierState, command: Extract<Command, { type: 'APOLOGIZE' }>, { now: at, actor, calendar }: Facts): EventOf<'APOLOGIZE'> | Refusal {
  const { newDueAt } = command;
  if (!calendar.isOpenAt(newDueAt)) {
    return badField('newDueAt', 'must fall within office hours on a working day', 'newDueAt: must fall within office hours on a working day');
  }
  const dueAt = appointment(state);
  if (newDueAt <= dueAt) return badField('newDueAt', 'not later than the current due date', 'The new appointment must be later than the current one.');
  const lastDay = calendar.previousWorkingDay(localDate(dueAt));
  if (localDate(at) > lastDay) {
    return refuse('CONFLICT', `An apology must be recorded at least one working day before the due date, by ${lastDay}.`, { dueAt });
  }
  const legs = moveAppointment(calendar, state.legs, state.currentLeg, dueAt, newDueAt, at);
  return { type: 'APOLOGIZE', at, actor, reason: command.reason, previousDueAt: dueAt, newDueAt, legs, ...(command.number ? { number: command.number } : {}) };
}

/** The last agency approves, or any agency on the way denies with reasons; the result goes back to the desk. */
function recordResult(state: DossierState, command: Extract<Command, { type: 'RECORD_RESULT' }>, { now: at, actor }: Facts): EventOf<'RECORD_RESULT'> | Refusal {
  const { outcome, note } = command;
  if (outcome === Outcome.DENIED && !note) return badField('note', 'a denial must give its reasons', 'note: a denial must give its reasons');
  const remaining = state.legs.filter((leg) => leg.seq > state.currentLeg);
  if (outcome === Outcome.APPROVED && remaining.length > 0) {
    return refuse('CONFLICT', `The route still has legs to run (${remaining.map((leg) => leg.agencyName).join(', ')}); hand the dossier on.`, {
      remaining: remaining.map((leg) => leg.agencyCode),
    });
  }
  if (state.holderCode === state.returnDeskCode) {
    const leg = legAt(state, state.currentLeg);
    const classified = leg?.dueAt ? { legSeq: leg.seq, legResult: classify(at, leg.dueAt) as Timeliness } : { legSeq: null, legResult: null };
    return { type: 'RECORD_RESULT', at, actor, outcome, note, ...classified, transfer: null };
  }
  const transfer = handOverTo(state, { code: state.returnDeskCode, name: state.returnDeskName }, TransferKind.RESULT, note);
  return { type: 'RECORD_RESULT', at, actor, outcome, note, legSeq: null, legResult: null, transfer };
}

/**
 * An agency closed, or a procedure's competence moved: the dossier it holds, or was handed, goes to the
 * successor as an ordinary hand-over, and its planned legs there become the successor's. A closed desk's
 * dossiers come back to the successor's desk with their results.
 */
function reassign(state: DossierState, command: Extract<Command, { type: 'REASSIGN' }>, { now: at, actor }: Facts): EventOf<'REASSIGN'> {
  const { from, to, reason, succession } = command;
  const returnDesk = succession.closed && state.returnDeskCode === from ? to.code : null;
  const base = { type: 'REASSIGN' as const, at, actor, from, to: to.code, toName: to.name, reason, returnDesk };
  const involved = state.addresseeCode === from || (state.holderCode === from && state.addresseeCode === null);
  if (!involved) return { ...base, transfer: null };
  // Handed to the closed agency, which will never accept: the same hand-over goes to the successor from its
  // sender (a route hand-over stays one). Held by it: the successor takes over its leg.
  const redirected = state.addresseeCode === from ? pendingTransfer(state) : undefined;
  return { ...base, transfer: handOverTo(state, to, redirected?.kind ?? TransferKind.OTHER, reason, redirected?.fromCode ?? from) };
}

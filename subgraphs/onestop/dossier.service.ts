import { LoadStrategy, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { Identity, Role } from '../common/auth';
import { classify, vnCalendar, type WorkingCalendar } from '../common/calendar';
import type { Context } from '../common/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../common/errors';
import { localDate } from '../common/scalars';
import { nextNumber, nextNumbers } from './counter.entity';
import { countStat } from './desk-stats.entity';
import { agencyDirectory, isOpen, operatingAgency, procedureOf, type DirectoryAgency } from './directory';
import { DossierAccess, grantAccess } from './dossier-access.entity';
import { canonicalJson, DossierEvent } from './dossier-event.entity';
import { Delivery, Dossier, DossierLeg, DossierStatus, Outcome, Timeliness, Transfer, TransferKind } from './dossier.entity';
import { cleanList, Problems, requiredText, text } from '../common/validation';
import {
  checkDocuments,
  cleanApplicant,
  cleanReceivedAt,
  normalizePhone,
  type DossierFilter,
  type GuidanceInput,
  type ReceiveDossierInput,
} from './dossier.input';
import { DossierConnection, DossierEdge } from './dossier.types';
import { AgencyPerformance, LedgerRow } from './ledger.types';
import { decide, type Action, type DossierState } from './dossier.workflow';
import { GuidanceSlip } from './guidance-slip.entity';
import { NoticeKind } from './notice.entity';
import { queueNotices } from './notices';

/** What a service function works with: the request's unit of work, caller, time and graph. */
export type Deps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'> & { calendar?: WorkingCalendar };

const calendarOf = (deps: Deps) => deps.calendar ?? vnCalendar();

export const MAX_PAGE_SIZE = 100;

// ---------------------------------------------------------------------------------------------------------
// Who may do what. A RECEPTIONIST acts only at its own agency's desk; processing is for PROCESSORs; an
// agency's system (SYSTEM) acts for its agency. Checked next to the transition, in `change`.

type Party = 'desk' | 'holder' | 'addressee' | 'anyone';

const ANY_OFFICER: readonly Role[] = ['RECEPTIONIST', 'PROCESSOR', 'SYSTEM'];
const DESK_OFFICER: readonly Role[] = ['RECEPTIONIST', 'SYSTEM'];
const PROCESSING_OFFICER: readonly Role[] = ['PROCESSOR', 'SYSTEM'];

const WHO_MAY = {
  RECEIVE: { party: 'desk', roles: DESK_OFFICER },
  HAND_OVER: { party: 'holder', roles: ANY_OFFICER },
  ACCEPT: { party: 'addressee', roles: ANY_OFFICER },
  REQUEST_SUPPLEMENT: { party: 'holder', roles: PROCESSING_OFFICER },
  SUPPLEMENT: { party: 'desk', roles: DESK_OFFICER },
  APOLOGIZE: { party: 'holder', roles: PROCESSING_OFFICER },
  RECORD_RESULT: { party: 'holder', roles: PROCESSING_OFFICER },
  RETURN: { party: 'desk', roles: DESK_OFFICER },
  WITHDRAW: { party: 'desk', roles: DESK_OFFICER },
  // Reached only through the producing subgraphs' events, which those subgraphs authorised.
  AWAIT_PAYMENT: { party: 'holder', roles: ['SYSTEM'] },
  PAYMENT_RECEIVED: { party: 'anyone', roles: ['SYSTEM'] },
  REASSIGN: { party: 'anyone', roles: ['SYSTEM'] },
} as const satisfies Record<Action, { party: Party; roles: readonly Role[] }>;

const PARTY_NAMES: Record<Party, string> = {
  desk: 'the receiving desk',
  holder: 'the agency holding the dossier',
  addressee: 'the agency it was handed to',
  anyone: 'the hub',
};

export function requireActor(actor: Identity | null): Identity {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Whether the caller acts for `agency` in a role the action allows; a receptionist only at `deskCode`. */
function actsFor(actor: Identity, agency: string | null, roles: readonly Role[], deskCode: string): boolean {
  return (
    agency !== null &&
    actor.agency === agency &&
    actor.roles.some((role) => roles.includes(role) && (role !== 'RECEPTIONIST' || agency === deskCode))
  );
}

function forbidden(action: Action, party: Party, agency: string | null, roles: readonly Role[]): ForbiddenError {
  return new ForbiddenError(`Only ${PARTY_NAMES[party]}${agency ? ` (${agency})` : ''} may ${action}, as ${roles.join(' or ')}.`);
}

/** A SUPERVISOR reads every dossier; an agency reads those it holds, has held or has been handed. */
export async function mayRead(em: EntityManager, actor: Identity, dossierCode: string): Promise<boolean> {
  if (actor.roles.includes('SUPERVISOR')) return true;
  return (await em.count(DossierAccess, { agencyCode: actor.agency, dossierCode })) > 0;
}

async function assertMay(em: EntityManager, actor: Identity, action: Action, dossier: Dossier): Promise<void> {
  const { party, roles } = WHO_MAY[action];
  if (party === 'anyone') {
    if (actor.roles.some((role) => (roles as readonly Role[]).includes(role))) return;
    throw forbidden(action, party, null, roles);
  }
  const agency = party === 'desk' ? dossier.returnDeskCode : party === 'holder' ? dossier.holderCode : dossier.addresseeCode;
  if (actsFor(actor, agency, roles, dossier.returnDeskCode)) return;
  // Nobody holds it, or it is not in transit: a reader learns why nothing can be done (CONFLICT).
  if (agency === null && (await mayRead(em, actor, dossier.code))) return;
  throw forbidden(action, party, agency, roles);
}

// ---------------------------------------------------------------------------------------------------------
// Changing a dossier: one transaction that checks who may act, asks the workflow, applies the change and
// appends one event to the dossier's hash-chained history.

function stateOf(dossier: Dossier): DossierState {
  return {
    status: dossier.status,
    inTransit: dossier.addresseeCode !== null,
    supplementRequested: dossier.supplementRequestedAt !== null,
    apologized: dossier.apologizedAt !== null,
  };
}

/** The name the dossier's own records give an agency (as it was then), or its code. */
function knownName(dossier: Dossier, code: string): string {
  if (code === dossier.deskCode) return dossier.deskName;
  if (code === dossier.returnDeskCode) return dossier.returnDeskName;
  const transfer = [...dossier.transfers.getItems()].reverse().find((t) => t.toCode === code || t.fromCode === code);
  if (transfer) return transfer.toCode === code ? transfer.toName : transfer.fromName;
  return dossier.legs.getItems().find((leg) => leg.agencyCode === code)?.agencyName ?? code;
}

/** The agency's name as the dossier's records give it, or as the directory gives it now. */
async function nameOf(deps: Deps, dossier: Dossier, code: string): Promise<string> {
  const known = knownName(dossier, code);
  if (known !== code) return known;
  return (await agencyDirectory(deps.graph)).get(code)?.name ?? code;
}

function legAt(dossier: Dossier, seq: number): DossierLeg | undefined {
  return dossier.legs.getItems().find((leg) => leg.seq === seq);
}

/**
 * The result is at the desk: counted for the dashboard on the day it arrived, by its timeliness, and the
 * applicant told to collect it.
 */
async function resolvedAtDesk(em: EntityManager, dossier: Dossier, at: Date): Promise<void> {
  dossier.resolvedAt = at;
  queueNotices(em, dossier, NoticeKind.RESULT_READY, at);
  const timeliness = classify(at, dossier.dueAt);
  const column = timeliness === 'EARLY' ? 'resolved_early' : timeliness === 'ON_TIME' ? 'resolved_on_time' : 'resolved_late';
  await countStat(em, dossier.deskCode, localDate(at), column);
}

/** Giao: one row of the control slip, and the dossier addressed to the receiving agency until it accepts. */
function handTo(
  dossier: Dossier,
  actor: Identity,
  at: Date,
  to: { code: string; name: string },
  kind: TransferKind,
  note: string | null,
  from: string = dossier.holderCode!,
): Transfer {
  const transfer = new Transfer({
    dossier,
    seq: dossier.transfers.length + 1,
    kind,
    fromCode: from,
    fromName: knownName(dossier, from),
    toCode: to.code,
    toName: to.name,
    handedAt: at,
    handedBy: actor.name,
    handedBySub: actor.sub,
    note,
  });
  dossier.transfers.add(transfer);
  dossier.addresseeCode = to.code;
  return transfer;
}

function appendEvent(
  em: EntityManager,
  dossier: Dossier,
  actor: Identity,
  action: Action,
  from: DossierStatus | null,
  details: Record<string, unknown>,
  at: Date,
  agencyName: string,
): void {
  const event = new DossierEvent({
    dossier,
    seq: dossier.historyLength + 1,
    at,
    actorId: actor.sub,
    actorName: actor.name,
    roles: [...actor.roles],
    agencyCode: actor.agency,
    agencyName,
    action,
    fromStatus: from,
    toStatus: dossier.status,
    details: canonicalJson(details),
    previousHash: dossier.historyHead,
  });
  dossier.historyHead = event.hash;
  dossier.historyLength = event.seq;
  em.persist(event);
}

/**
 * Two changes to one dossier at once: whichever saves second trips the version check, or, earlier, the
 * uniqueness of the next event's or transfer's number.
 */
const isDossierRace = (error: unknown) =>
  error instanceof OptimisticLockError ||
  (error instanceof UniqueConstraintViolationException && /(dossier_event|transfer)_dossier_code_seq_unique/.test(error.message));

async function change(
  deps: Deps,
  code: string,
  action: Action,
  apply: (em: EntityManager, dossier: Dossier, actor: Identity) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<Dossier> {
  const actor = requireActor(deps.actor);
  try {
    return await deps.em.transactional(async (em) => {
      const dossier = await em.findOne(Dossier, { code }, { populate: ['legs', 'transfers'], strategy: LoadStrategy.JOINED });
      if (!dossier) throw new NotFoundError('Dossier', code);
      await assertMay(em, actor, action, dossier);
      const from = dossier.status;
      const to = decide(stateOf(dossier), action);
      const details = await apply(em, dossier, actor);
      dossier.status = to;
      appendEvent(em, dossier, actor, action, from, details, deps.now, await nameOf(deps, dossier, actor.agency));
      return dossier;
    });
  } catch (error) {
    // Of two simultaneous changes to one dossier, the one that saves second loses.
    if (isDossierRace(error)) {
      throw new ConflictError('Another change to this dossier was saved first; reload it and try again.', { code });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reception (tiếp nhận): the desk checks the documents; complete, the dossier is created with its code,
// receipt, ledger entry and planned legs.

interface PlannedLeg {
  seq: number;
  agency: DirectoryAgency;
  workingDays: number;
  task: string;
}

/** The district a desk belongs to: its own, or its commune's. */
function districtOf(desk: DirectoryAgency): string | null {
  if (desk.tier === 'DISTRICT') return desk.code;
  if (desk.tier === 'COMMUNE') return desk.parent?.code ?? null;
  return null;
}

/** The route's agencies: @DESK the receiving agency, @LAND / @TAX the branch serving its district. */
function resolveRoute(
  route: Array<{ seq: number; agencySelector: string; workingDays: number; task: string }>,
  desk: DirectoryAgency,
  agencies: Map<string, DirectoryAgency>,
  at: Date,
  moved: (code: string) => string = (code) => code,
): PlannedLeg[] {
  return route.map((leg) => {
    let agency: DirectoryAgency | null;
    if (leg.agencySelector === '@DESK') {
      agency = desk;
    } else if (leg.agencySelector === '@LAND' || leg.agencySelector === '@TAX') {
      const sector = leg.agencySelector === '@LAND' ? 'LAND' : 'TAX';
      const district = districtOf(desk);
      // The branch that serves the district, or, once it has closed, the agency that took its work over.
      const serving = [...agencies.values()].filter((candidate) => candidate.sector === sector && candidate.serviceArea.some((unit) => unit.code === district));
      agency = serving.find((candidate) => isOpen(candidate, at)) ?? (serving[0] ? operatingAgency(agencies, serving[0].code, at) : null);
      if (!agency) {
        throw new BadUserInputError(`No ${sector === 'LAND' ? 'land registry' : 'tax'} branch serves ${desk.name}; this desk cannot receive the procedure.`, {
          fields: { desk: `no ${sector} branch serves it` },
        });
      }
    } else {
      // A moved competence goes to its new agency; a closed agency's work to its successor.
      agency = operatingAgency(agencies, moved(leg.agencySelector), at);
      if (!agency) throw new BadUserInputError(`The procedure's route names ${leg.agencySelector}, which does not operate.`);
    }
    return { seq: leg.seq, agency, workingDays: leg.workingDays, task: leg.task };
  });
}

function assertDeskOfficer(actor: Identity, deskCode: string, action: string): void {
  if (!actsFor(actor, deskCode, DESK_OFFICER, deskCode)) {
    throw new ForbiddenError(`Only the desk of ${deskCode} may ${action}, as ${DESK_OFFICER.join(' or ')}.`);
  }
}

interface ReceptionFacts {
  desk: DirectoryAgency;
  procedure: NonNullable<Awaited<ReturnType<typeof procedureOf>>>;
  agencies: Map<string, DirectoryAgency>;
  /** The agency that does a route agency's work now its competence may have moved. */
  moved: (code: string) => string;
}

async function receptionFacts(deps: Deps, procedureCode: string, deskCode: string, at: Date): Promise<ReceptionFacts> {
  const [procedure, agencies] = await Promise.all([procedureOf(deps.graph, procedureCode), agencyDirectory(deps.graph)]);
  const problems = new Problems();
  const desk = agencies.get(deskCode);
  if (!procedure) problems.add('procedure', `${procedureCode} is not in the procedure catalogue`);
  if (!desk) problems.add('desk', `${deskCode} is not in the agency directory`);
  else if (!desk.hasDesk) problems.add('desk', `${desk.name} has no reception desk`);
  else if (!isOpen(desk, at)) problems.add('desk', `${desk.name} is closed`);
  else if (procedure) {
    // Since a move of its competence, only the new agency's desk receives the procedure.
    const move = procedure.competenceMoves.filter((m) => new Date(m.effectiveAt) <= at).at(-1);
    if (move && move.to !== desk.code) {
      problems.add('desk', `since ${localDate(new Date(move.effectiveAt))} ${procedure.name} is received by ${agencies.get(move.to)?.name ?? move.to}`);
    } else if (!move && !procedure.receivedAt.includes(desk.tier)) {
      problems.add('procedure', `${procedure.name} is received at ${procedure.receivedAt.join(', ')} desks, not at ${desk.name}`);
    }
  }
  problems.throwIfAny();
  const moves = procedure!.competenceMoves.filter((m) => new Date(m.effectiveAt) <= at);
  const moved = (code: string) => moves.reduce((current, m) => (m.from === current ? m.to : current), code);
  return { desk: desk!, procedure: procedure!, agencies, moved };
}

const fingerprintOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

async function findIdempotent(em: EntityManager, deskCode: string, key: string, fingerprint: string): Promise<Dossier | null> {
  const existing = await em.findOne(Dossier, { deskCode, idempotencyKey: key });
  if (existing && existing.idempotencyFingerprint !== fingerprint) {
    throw new ConflictError(`The idempotency key ${key} was already used for dossier ${existing.code} with different content.`, {
      dossier: existing.code,
    });
  }
  return existing;
}

const yymmdd = (date: string) => date.slice(2).replace(/-/g, '');

export async function receiveDossier(deps: Deps, input: ReceiveDossierInput): Promise<Dossier> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const procedureCode = requiredText(problems, 'procedure', input.procedure, 100);
  const deskCode = requiredText(problems, 'desk', input.desk, 100);
  const applicant = cleanApplicant(problems, input.applicant);
  const submitted = cleanList(problems, 'documents', input.documents, { required: true });
  const copies = input.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 50) problems.add('copies', 'must be a whole number from 1 to 50');
  const delivery = input.delivery ?? Delivery.AT_DESK;
  const receivedAt = cleanReceivedAt(problems, input.receivedAt, deps.now);
  const key = input.idempotencyKey == null ? null : requiredText(problems, 'idempotencyKey', input.idempotencyKey, 200);
  problems.throwIfAny();
  assertDeskOfficer(actor, deskCode, 'receive dossiers there');

  const fingerprint = fingerprintOf({ procedureCode, deskCode, applicant, submitted, copies, delivery, receivedAt: input.receivedAt ?? null });
  if (key) {
    const existing = await findIdempotent(deps.em, deskCode, key, fingerprint);
    if (existing) return existing;
  }

  const { desk, procedure, agencies, moved } = await receptionFacts(deps, procedureCode, deskCode, receivedAt);
  const { accepted, missing, unknown } = checkDocuments(procedure.documents, submitted);
  if (missing.length > 0) {
    throw new BadUserInputError(`The dossier lacks ${missing.length} required document(s); give the applicant a guidance slip (issueGuidance).`, {
      missing,
      unknown,
    });
  }
  if (unknown.length > 0) {
    throw new BadUserInputError(`${procedure.name} does not list: ${unknown.join('; ')}.`, { unknown, fields: { documents: 'unknown documents' } });
  }
  const route = resolveRoute(procedure.route, desk, agencies, receivedAt, moved);
  const calendar = calendarOf(deps);
  const plan = calendar.planLegs(receivedAt, route.map((leg) => leg.workingDays));
  const firstLegAtDesk = route[0]?.agency.code === desk.code;

  try {
    return await deps.em.transactional(async (em) => {
      const date = localDate(receivedAt);
      const year = date.slice(0, 4);
      const [serial, receipt, ledger] = await nextNumbers(em, [
        ['dossier', `${desk.code}|${date}`],
        ['receipt', `${desk.code}|${year}`],
        ['ledger', `${desk.code}|${procedure.field}|${year}`],
      ]);
      if (serial > 9999) throw new ConflictError(`${desk.name} has used every dossier number of ${date}.`);
      const dossier = new Dossier({
        code: `${desk.code}-${yymmdd(date)}-${String(serial).padStart(4, '0')}`,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        field: procedure.field,
        processingDays: procedure.processingDays,
        deskCode: desk.code,
        deskName: desk.name,
        applicant,
        documents: accepted,
        copies,
        delivery,
        receivedAt,
        receivedBy: actor.name,
        dueAt: plan[plan.length - 1].dueAt,
        dueProvisional: plan.some((deadline) => deadline.provisional),
        legDueAt: firstLegAtDesk ? plan[0].dueAt : calendar.handOffDeadline(receivedAt).dueAt,
        currentLeg: firstLegAtDesk ? 1 : 0,
        receiptNumber: `${receipt}/TNHS`,
        ledgerBook: `${procedure.field} ${year}`,
        ledgerNumber: ledger,
      });
      dossier.idempotencyKey = key;
      dossier.idempotencyFingerprint = key ? fingerprint : null;
      route.forEach((leg, index) => {
        dossier.legs.add(new DossierLeg(dossier, leg.seq, leg.agency.code, leg.agency.name, leg.task, leg.workingDays, plan[index].dueAt));
      });
      em.persist(dossier);
      await grantAccess(em, desk.code, dossier.code, receivedAt);
      await countStat(em, desk.code, date, 'received');
      // What the receipt said when it was handed out, so that a reprint says the same.
      const handedOut = { receiptNumber: dossier.receiptNumber, dueAt: dossier.dueAt, documents: dossier.documents, copies: dossier.copies };
      appendEvent(em, dossier, actor, 'RECEIVE', null, handedOut, deps.now, desk.name);
      queueNotices(em, dossier, NoticeKind.RECEIVED, deps.now);
      return dossier;
    });
  } catch (error) {
    // The same key sent twice at once: the first receipt stands and is the answer to both.
    if (key && error instanceof UniqueConstraintViolationException && /idempotency/.test(error.message)) {
      const existing = await findIdempotent(deps.em.fork(), deskCode, key, fingerprint);
      if (existing) return existing;
    }
    throw error;
  }
}

/** Phiếu hướng dẫn hoàn thiện hồ sơ: lists everything an incomplete dossier lacks; creates no dossier. */
export async function issueGuidance(deps: Deps, input: GuidanceInput): Promise<GuidanceSlip> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const procedureCode = requiredText(problems, 'procedure', input.procedure, 100);
  const deskCode = requiredText(problems, 'desk', input.desk, 100);
  const applicant = cleanApplicant(problems, input.applicant);
  const submitted = cleanList(problems, 'documents', input.documents, { required: false });
  const requirements = cleanList(problems, 'requirements', input.requirements, { required: false });
  problems.throwIfAny();
  assertDeskOfficer(actor, deskCode, 'issue guidance slips there');

  const { desk, procedure } = await receptionFacts(deps, procedureCode, deskCode, deps.now);
  const { missing } = checkDocuments(procedure.documents, submitted);
  if (missing.length === 0 && requirements.length === 0) {
    throw new BadUserInputError('Nothing is missing and nothing needs correcting: receive the dossier instead.', { missing: [] });
  }
  return deps.em.transactional(async (em) => {
    const year = Number(localDate(deps.now).slice(0, 4));
    const serial = await nextNumber(em, 'guidance', `${desk.code}|${year}`);
    const slip = new GuidanceSlip({
      id: `${desk.code}-${year}-${serial}`,
      number: `${serial}/HDHS`,
      deskCode: desk.code,
      deskName: desk.name,
      year,
      serial,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      applicant,
      submitted,
      missing,
      requirements,
      issuedAt: deps.now,
      issuedBy: actor.name,
      issuedBySub: actor.sub,
    });
    em.persist(slip);
    return slip;
  });
}

export async function guidanceSlip(deps: Deps, id: string): Promise<GuidanceSlip | null> {
  const actor = requireActor(deps.actor);
  const slip = await deps.em.findOne(GuidanceSlip, { id });
  if (slip && slip.deskCode !== actor.agency && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${slip.deskCode} and supervisors read its guidance slips.`);
  }
  return slip;
}

// ---------------------------------------------------------------------------------------------------------
// Hand-over (giao) and acceptance (nhận): the two signatures of the control slip.

export async function handOverDossier(deps: Deps, code: string, to: string, note: string | null | undefined): Promise<Dossier> {
  const problems = new Problems();
  const toCode = requiredText(problems, 'to', to, 100);
  const cleanNote = text(note ?? '') || null;
  if (cleanNote && cleanNote.length > 1000) problems.add('note', 'must be at most 1000 characters');
  problems.throwIfAny();
  return change(deps, code, 'HAND_OVER', async (em, dossier, actor) => {
    const target = (await agencyDirectory(deps.graph)).get(toCode);
    if (!target) throw new BadUserInputError(`${toCode} is not in the agency directory.`, { fields: { to: 'unknown agency' } });
    if (!isOpen(target, deps.now)) {
      throw new BadUserInputError(`${target.name} is closed${target.successor ? `; its work went to ${target.successor.code}` : ''}.`, {
        fields: { to: 'closed agency' },
      });
    }
    if (toCode === dossier.holderCode) throw new BadUserInputError('The dossier is already with that agency.', { fields: { to: 'the holder itself' } });
    const next = legAt(dossier, dossier.currentLeg + 1);
    const current = legAt(dossier, dossier.currentLeg);
    const kind = next?.agencyCode === toCode ? TransferKind.ROUTE : TransferKind.OTHER;
    // Off the route (a consultation, a wrong agency) the hand-over must say why; back to the current leg's agency it need not.
    if (kind === TransferKind.OTHER && toCode !== current?.agencyCode && !cleanNote) {
      throw new BadUserInputError(
        `${target.name} is not on the route${next ? ` (next: ${next.agencyName})` : ''}; say why in a note (consultation, wrong agency).`,
        { fields: { note: 'required off the route' } },
      );
    }
    const transfer = handTo(dossier, actor, deps.now, target, kind, cleanNote);
    dossier.legDueAt = (kind === TransferKind.ROUTE ? next?.dueAt : current?.dueAt) ?? dossier.legDueAt;
    await grantAccess(em, toCode, dossier.code, dossier.receivedAt);
    return { to: toCode, kind, note: cleanNote, transfer: transfer.seq };
  });
}

export async function acceptDossier(deps: Deps, code: string): Promise<Dossier> {
  return change(deps, code, 'ACCEPT', async (em, dossier, actor) => {
    const transfer = dossier.transfers.getItems().find((t) => t.acceptedAt === null && t.toCode === dossier.addresseeCode)!;
    transfer.acceptedAt = deps.now;
    transfer.acceptedBy = actor.name;
    transfer.acceptedBySub = actor.sub;
    // The receiving side records how the leg just finished went: its hand-over date against its deadline.
    const finished = transfer.kind === TransferKind.OTHER ? undefined : legAt(dossier, dossier.currentLeg);
    if (finished?.dueAt) {
      finished.completedAt = transfer.handedAt;
      finished.result = classify(transfer.handedAt, finished.dueAt) as Timeliness;
      transfer.result = finished.result;
      transfer.legSeq = finished.seq;
    }
    if (transfer.kind === TransferKind.ROUTE) dossier.currentLeg += 1;
    if (transfer.kind === TransferKind.RESULT) await resolvedAtDesk(em, dossier, deps.now);
    dossier.holderCode = transfer.toCode;
    dossier.addresseeCode = null;
    dossier.legDueAt = legAt(dossier, dossier.currentLeg)?.dueAt ?? dossier.dueAt;
    return { from: transfer.fromCode, transfer: transfer.seq, result: transfer.result };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Supplement, apology, result, return, withdrawal.

/** Decree 61/2018 Art. 19: asked for once; the clock stops until the applicant supplements. */
export async function requestSupplement(deps: Deps, code: string, items: string[]): Promise<Dossier> {
  const problems = new Problems();
  const cleanItems = cleanList(problems, 'items', items, { required: true });
  problems.throwIfAny();
  return change(deps, code, 'REQUEST_SUPPLEMENT', async (em, dossier, actor) => {
    dossier.supplementRequestedAt = deps.now;
    dossier.supplementItems = cleanItems;
    queueNotices(em, dossier, NoticeKind.SUPPLEMENT_REQUESTED, deps.now, { agencyName: await nameOf(deps, dossier, actor.agency) });
    return { items: cleanItems };
  });
}

/** Decree 61/2018 Art. 19.4: once the dossier is complete, the processing time restarts from zero. */
export async function supplementDossier(deps: Deps, code: string, documents: string[]): Promise<Dossier> {
  const problems = new Problems();
  const given = cleanList(problems, 'documents', documents, { required: true });
  problems.throwIfAny();
  return change(deps, code, 'SUPPLEMENT', (_em, dossier) => {
    dossier.documents = [...new Set([...dossier.documents, ...given])];
    dossier.supplementedAt = deps.now;
    const legs = dossier.legs.getItems();
    const plan = calendarOf(deps).planLegs(deps.now, legs.map((leg) => leg.workingDays));
    legs.forEach((leg, index) => {
      if (leg.seq >= Math.max(dossier.currentLeg, 1)) leg.dueAt = plan[index].dueAt;
    });
    dossier.dueAt = plan[plan.length - 1].dueAt;
    dossier.dueProvisional = plan.some((deadline) => deadline.provisional);
    dossier.legDueAt = legAt(dossier, dossier.currentLeg)?.dueAt ?? dossier.dueAt;
    return { documents: given, dueAt: dossier.dueAt };
  });
}

/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả: at least one working day before the due date, once, to a
 * later time the desk is open. The current and later legs move by the working time the appointment moved.
 */
export async function apologizeForDelay(deps: Deps, code: string, reason: string, newDueAt: Date): Promise<Dossier> {
  const problems = new Problems();
  const cleanReason = requiredText(problems, 'reason', reason, 1000);
  const calendar = calendarOf(deps);
  if (!calendar.isOpenAt(newDueAt)) problems.add('newDueAt', 'must fall within office hours on a working day');
  problems.throwIfAny();
  return change(deps, code, 'APOLOGIZE', async (em, dossier, actor) => {
    if (newDueAt <= dossier.dueAt) {
      throw new BadUserInputError('The new appointment must be later than the current one.', { fields: { newDueAt: 'not later than the current due date' } });
    }
    const lastDay = calendar.previousWorkingDay(localDate(dossier.dueAt));
    if (localDate(deps.now) > lastDay) {
      throw new ConflictError(`An apology must be recorded at least one working day before the due date, by ${lastDay}.`, { dueAt: dossier.dueAt });
    }
    const moved = calendar.workingMsBetween(dossier.dueAt, newDueAt);
    const legs = dossier.legs.getItems();
    for (const leg of legs) {
      if (leg.seq >= Math.max(dossier.currentLeg, 1) && leg.result === null && leg.dueAt) leg.dueAt = calendar.addWorkingMs(leg.dueAt, moved).dueAt;
    }
    if (legs.length > 0) legs[legs.length - 1].dueAt = newDueAt;
    dossier.previousDueAt = dossier.dueAt;
    dossier.dueAt = newDueAt;
    dossier.apologizedAt = deps.now;
    dossier.apologyReason = cleanReason;
    dossier.legDueAt = legAt(dossier, dossier.currentLeg)?.dueAt ?? dossier.dueAt;
    queueNotices(em, dossier, NoticeKind.APOLOGY, deps.now, { agencyName: await nameOf(deps, dossier, actor.agency) });
    return { reason: cleanReason, previousDueAt: dossier.previousDueAt, newDueAt };
  });
}

/** The last agency approves, or any agency on the way denies with reasons; the result goes back to the desk. */
export async function recordResult(deps: Deps, code: string, outcome: Outcome, note: string | null | undefined): Promise<Dossier> {
  const problems = new Problems();
  const cleanNote = text(note ?? '') || null;
  if (outcome === Outcome.DENIED && !cleanNote) problems.add('note', 'a denial must give its reasons');
  if (cleanNote && cleanNote.length > 2000) problems.add('note', 'must be at most 2000 characters');
  problems.throwIfAny();
  return change(deps, code, 'RECORD_RESULT', async (em, dossier, actor) => {
    const remaining = dossier.legs.getItems().filter((leg) => leg.seq > dossier.currentLeg);
    if (outcome === Outcome.APPROVED && remaining.length > 0) {
      throw new ConflictError(`The route still has legs to run (${remaining.map((leg) => leg.agencyName).join(', ')}); hand the dossier on.`, {
        remaining: remaining.map((leg) => leg.agencyCode),
      });
    }
    dossier.outcome = outcome;
    dossier.outcomeNote = cleanNote;
    if (dossier.holderCode === dossier.returnDeskCode) {
      const leg = legAt(dossier, dossier.currentLeg);
      if (leg?.dueAt) {
        leg.completedAt = deps.now;
        leg.result = classify(deps.now, leg.dueAt) as Timeliness;
      }
      await resolvedAtDesk(em, dossier, deps.now);
    } else {
      handTo(dossier, actor, deps.now, { code: dossier.returnDeskCode, name: dossier.returnDeskName }, TransferKind.RESULT, cleanNote);
    }
    dossier.legDueAt = dossier.dueAt;
    return { outcome, note: cleanNote };
  });
}

export async function returnResult(deps: Deps, code: string, receivedBy: string): Promise<Dossier> {
  const problems = new Problems();
  const recipient = requiredText(problems, 'receivedBy', receivedBy, 200);
  problems.throwIfAny();
  return change(deps, code, 'RETURN', (_em, dossier) => {
    dossier.returnedAt = deps.now;
    dossier.returnedTo = recipient;
    dossier.holderCode = null;
    dossier.timeliness = classify(dossier.resolvedAt ?? deps.now, dossier.dueAt) as Timeliness;
    return { receivedBy: recipient, delivery: dossier.delivery, timeliness: dossier.timeliness };
  });
}

export async function withdrawDossier(deps: Deps, code: string, reason: string): Promise<Dossier> {
  const problems = new Problems();
  const cleanReason = requiredText(problems, 'reason', reason, 1000);
  problems.throwIfAny();
  return change(deps, code, 'WITHDRAW', (_em, dossier) => {
    dossier.withdrawnAt = deps.now;
    dossier.withdrawalReason = cleanReason;
    dossier.holderCode = null;
    dossier.addresseeCode = null;
    return { reason: cleanReason };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Work done in other subgraphs, applied from their events.

/**
 * A tax notice completes the tax leg: the dossier is handed on to the route's next agency and waits, with
 * the clock stopped, until the financial obligation is paid.
 */
export async function awaitPayment(deps: Deps, code: string, notice: { number: string; total: string }): Promise<Dossier> {
  return change(deps, code, 'AWAIT_PAYMENT', async (em, dossier, actor) => {
    const next = legAt(dossier, dossier.currentLeg + 1);
    if (!next) throw new ConflictError('The tax leg is the last of the route: there is no agency to wait for the payment at.');
    handTo(dossier, actor, deps.now, { code: next.agencyCode, name: next.agencyName }, TransferKind.ROUTE, `Thông báo nộp thuế số ${notice.number}: ${notice.total} đồng`);
    dossier.legDueAt = next.dueAt ?? dossier.legDueAt;
    dossier.paymentAwaitedAt = deps.now;
    await grantAccess(em, next.agencyCode, dossier.code, dossier.receivedAt);
    return { notice: notice.number, total: notice.total, to: next.agencyCode };
  });
}

/** The holder's leg is done: the dossier goes to the route's next agency, with what was done as the note. */
export async function handOnAlongRoute(deps: Deps, code: string, note: string): Promise<Dossier> {
  const dossier = await deps.em.findOne(Dossier, { code }, { populate: ['legs'] });
  if (!dossier) throw new NotFoundError('Dossier', code);
  const next = legAt(dossier, dossier.currentLeg + 1);
  if (!next) throw new ConflictError(`Dossier ${code} has no further leg to hand on to.`);
  return handOverDossier(deps, code, next.agencyCode, note);
}

/**
 * What moves to a successor: everything of an agency that closes, its desk's returns included, or the
 * work on one procedure whose competence moved (the receiving desk still returns the result then).
 */
export type Succession = { closed: true } | { closed: false; procedure: string };

/**
 * An agency closed, or a procedure's competence moved: the dossier it holds, or was handed, goes to the
 * successor as an ordinary hand-over, and its planned legs at the old agency become the successor's. A
 * closed desk's dossiers come back to the successor's desk with their results. The dossier keeps its
 * code; its history keeps the old agency's name.
 */
export async function reassign(
  deps: Deps,
  code: string,
  from: string,
  to: { code: string; name: string },
  reason: string,
  succession: Succession,
): Promise<Dossier> {
  return change(deps, code, 'REASSIGN', async (em, dossier, actor) => {
    for (const leg of dossier.legs.getItems()) {
      if (leg.agencyCode === from && leg.result === null) {
        leg.agencyCode = to.code;
        leg.agencyName = to.name;
      }
    }
    const deskMoved = succession.closed && dossier.returnDeskCode === from;
    if (deskMoved) {
      dossier.returnDeskCode = to.code;
      dossier.returnDeskName = to.name;
    }
    const involved = dossier.addresseeCode === from || (dossier.holderCode === from && dossier.addresseeCode === null);
    if (!involved) {
      if (deskMoved) await grantAccess(em, to.code, dossier.code, dossier.receivedAt);
      return { from, to: to.code, reason, legsOnly: true, ...(deskMoved && { returnDesk: to.code }) };
    }
    // Handed to the closed agency, which will never accept: the same hand-over goes to the successor from
    // its sender (a route hand-over stays one). Held by it: the successor takes over its leg.
    const pending = dossier.transfers.getItems().find((transfer) => transfer.acceptedAt === null && transfer.toCode === dossier.addresseeCode);
    const redirected = dossier.addresseeCode === from ? pending : undefined;
    handTo(dossier, actor, deps.now, to, redirected?.kind ?? TransferKind.OTHER, reason, redirected?.fromCode ?? from);
    await grantAccess(em, to.code, dossier.code, dossier.receivedAt);
    return { from, to: to.code, reason, ...(deskMoved && { returnDesk: to.code }) };
  });
}

/**
 * The dossiers in flight an agency holds, has been handed, or has a leg ahead on; when it closes, also those
 * its desk is to return; for a competence move, of one procedure only.
 */
export async function dossiersAt(em: EntityManager, agency: string, succession: Succession): Promise<string[]> {
  const ofProcedure = succession.closed ? '' : 'and d.procedure_code = ?';
  const toReturn = succession.closed ? 'or d.return_desk_code = ?' : '';
  const rows = await em.execute<Array<{ code: string }>>(
    `select d.code from onestop.dossier d
      where d.status not in ('RETURNED', 'WITHDRAWN', 'REFUSED') ${ofProcedure}
        and (d.holder_code = ? or d.addressee_code = ? ${toReturn}
             or exists (select 1 from onestop.dossier_leg l where l.dossier_code = d.code and l.agency_code = ? and l.result is null))
      order by d.code`,
    [...(succession.closed ? [] : [succession.procedure]), agency, agency, ...(succession.closed ? [agency] : []), agency],
  );
  return rows.map((row) => row.code);
}

/** Paid in full: processing resumes, and every deadline still ahead moves by the working time it waited. */
export async function paymentReceived(deps: Deps, code: string, paidAt: Date): Promise<Dossier> {
  return change(deps, code, 'PAYMENT_RECEIVED', (_em, dossier) => {
    const calendar = calendarOf(deps);
    const waited = dossier.paymentAwaitedAt ? calendar.workingMsBetween(dossier.paymentAwaitedAt, paidAt) : 0;
    for (const leg of dossier.legs.getItems()) {
      if (leg.result === null && leg.dueAt) leg.dueAt = calendar.addWorkingMs(leg.dueAt, waited).dueAt;
    }
    dossier.dueAt = calendar.addWorkingMs(dossier.dueAt, waited).dueAt;
    const holding = legAt(dossier, dossier.addresseeCode ? dossier.currentLeg + 1 : dossier.currentLeg);
    dossier.legDueAt = holding?.dueAt ?? dossier.dueAt;
    dossier.paymentAwaitedAt = null;
    dossier.paidAt = paidAt;
    return { paidAt, waitedWorkingHours: Math.round((waited / 3_600_000) * 100) / 100 };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reading.

export async function findDossier(deps: Deps, code: string): Promise<Dossier | null> {
  const actor = requireActor(deps.actor);
  const dossier = await deps.em.findOne(Dossier, { code });
  if (dossier && !(await mayRead(deps.em, actor, code))) {
    throw new ForbiddenError(`${actor.agency} has no part in dossier ${code}.`);
  }
  return dossier;
}

/** For citizens, without a token: the dossier only when the phone given at receipt matches. */
export async function trackDossier(deps: Deps, code: string, phone: string): Promise<Dossier | null> {
  const dossier = await deps.em.findOne(Dossier, { code: text(code) }, { populate: ['legs'] });
  const given = normalizePhone(phone ?? '');
  // A wrong phone and a wrong code look the same.
  return dossier && given && dossier.applicant.phone === given ? dossier : null;
}

interface Position {
  at: Date;
  code: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.code])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [at, code] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const position = { at: new Date(at), code };
    if (typeof code === 'string' && !Number.isNaN(position.at.getTime())) return position;
  } catch {
    // not ours
  }
  throw new BadUserInputError('`after` is not a cursor this hub issued.', { fields: { after: 'unknown cursor' } });
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, { fields: { first: 'out of range' } });
  }
  return size;
}

/** The statuses in which the processing clock runs. */
export const CLOCK_RUNNING = [DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS];

/** The dossiers the caller may read, newest first, narrowed by the filter. */
export async function listDossiers(
  deps: Deps,
  filter: DossierFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<DossierConnection> {
  const actor = requireActor(deps.actor);
  const size = pageSize(first);
  const cursor = after ? decodeCursor(after) : null;
  if (filter?.receivedFrom && filter.receivedTo && filter.receivedFrom > filter.receivedTo) {
    throw new BadUserInputError('`receivedFrom` is after `receivedTo`.', { fields: { receivedFrom: 'after receivedTo' } });
  }
  // Supervisors read every dossier; an agency reads its own desk's and what it holds directly, anything
  // else through the access index, in its order.
  const scoped = !actor.roles.includes('SUPERVISOR') && filter?.desk !== actor.agency && filter?.holder !== actor.agency;
  const from = scoped ? 'onestop.dossier_access a join onestop.dossier d on d.code = a.dossier_code' : 'onestop.dossier d';
  const order = scoped ? ['a.received_at', 'a.dossier_code'] : ['d.received_at', 'd.code'];
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (scoped) where('a.agency_code = ?', actor.agency);
  if (filter?.status) where('d.status = ?', filter.status);
  if (filter?.desk) where('d.desk_code = ?', filter.desk);
  if (filter?.holder) where('d.holder_code = ?', filter.holder);
  if (filter?.procedure) where('d.procedure_code = ?', filter.procedure);
  if (filter?.receivedFrom) where(`${order[0]} >= ?`, filter.receivedFrom);
  if (filter?.receivedTo) where(`${order[0]} <= ?`, filter.receivedTo);
  if (filter?.overdue != null) {
    const overdue = `(d.status in (${CLOCK_RUNNING.map(() => '?').join(', ')}) and d.due_at < ?)`;
    where(filter.overdue ? overdue : `not ${overdue}`, ...CLOCK_RUNNING, deps.now);
  }
  const filtered = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const page = cursor ? `${filtered ? `${filtered} and` : 'where'} (${order[0]}, ${order[1]}) < (?, ?)` : filtered;
  const rows: Array<Record<string, unknown>> = await deps.em.execute(
    `select d.* from ${from} ${page} order by ${order[0]} desc, ${order[1]} desc limit ?`,
    [...params, ...(cursor ? [cursor.at, cursor.code] : []), size + 1],
  );
  const dossiers = rows.map((row) => deps.em.map(Dossier, row));
  const edges = dossiers.slice(0, size).map((dossier) => new DossierEdge(encodeCursor({ at: dossier.receivedAt, code: dossier.code }), dossier));
  return new DossierConnection(edges, dossiers.length > size, async () => {
    const [{ count }] = await deps.em.execute<Array<{ count: string }>>(`select count(*) as count from ${from} ${filtered}`, params);
    return Number(count);
  });
}

const STATUS_NOTES: Partial<Record<DossierStatus, string>> = {
  [DossierStatus.SUPPLEMENT_REQUESTED]: 'Chờ bổ sung hồ sơ',
  [DossierStatus.AWAITING_PAYMENT]: 'Chờ thực hiện nghĩa vụ tài chính',
  [DossierStatus.WITHDRAWN]: 'Rút hồ sơ',
  [DossierStatus.REFUSED]: 'Từ chối tiếp nhận',
  [DossierStatus.STOPPED]: 'Dừng xử lý',
};
const TIMELINESS_NOTES: Record<Timeliness, string> = { EARLY: 'Trả trước hạn', ON_TIME: 'Trả đúng hạn', LATE: 'Trả quá hạn' };

/**
 * Sổ theo dõi hồ sơ: one book per desk, field and year, in ledger order, for the desk's own agency and
 * for supervisors.
 */
export async function ledger(deps: Deps, desk: string, field: string, year: number): Promise<LedgerRow[]> {
  const actor = requireActor(deps.actor);
  if (actor.agency !== desk && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${desk} and supervisors read ${desk}'s ledger.`);
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BadUserInputError('`year` is not a year.', { fields: { year: 'out of range' } });
  const dossiers = await deps.em.find(
    Dossier,
    { deskCode: desk, ledgerBook: `${text(field)} ${year}` },
    { orderBy: { ledgerNumber: 'asc' }, populate: ['legs', 'transfers'] },
  );
  return dossiers.map((dossier) => {
    const legs = dossier.legs.getItems();
    const transfers = dossier.transfers.getItems();
    const forwarded = transfers.find((transfer) => transfer.fromCode === dossier.deskCode);
    const applicant = dossier.applicant;
    const deniedNote = dossier.outcome === Outcome.DENIED ? 'Không giải quyết' : '';
    return Object.assign(new LedgerRow(), {
      number: dossier.ledgerNumber,
      code: dossier.code,
      procedureName: dossier.procedureName,
      copies: dossier.copies,
      applicantName: applicant.name,
      addressAndPhone: [applicant.address, applicant.phone].filter(Boolean).join(', '),
      leadAgency: legs.at(-1)?.agencyName ?? dossier.deskName,
      receivedOn: localDate(dossier.receivedAt),
      dueOn: localDate(dossier.dueAt),
      forwardedOn: forwarded ? localDate(forwarded.handedAt) : null,
      resultReceivedOn: dossier.resolvedAt ? localDate(dossier.resolvedAt) : null,
      returnedOn: dossier.returnedAt ? localDate(dossier.returnedAt) : null,
      returnedTo: dossier.returnedTo,
      note: [STATUS_NOTES[dossier.status], dossier.timeliness ? TIMELINESS_NOTES[dossier.timeliness] : null, deniedNote].filter(Boolean).join('; '),
    });
  });
}

/** The provincial People's Committee: its code stands for the province in the dashboard's totals. */
export const PROVINCE = 'BG.UBND';

/**
 * Chỉ tiêu: per desk, what was received and resolved (early, on time, late) in the period, from the daily
 * counts; what is in progress (within time or overdue) and suspended now, from the dossiers in flight;
 * and the province's totals. Supervisors see every desk; an agency its own.
 */
export async function performance(deps: Deps, from: string, to: string, agency: string | null | undefined): Promise<AgencyPerformance[]> {
  const actor = requireActor(deps.actor);
  if (!actor.roles.includes('SUPERVISOR') && agency !== actor.agency) {
    throw new ForbiddenError('Supervisors see every agency’s performance; an agency sees its own (agency: its code).');
  }
  if (from > to) throw new BadUserInputError('`from` is after `to`.', { fields: { from: 'after to' } });
  const only = agency ? 'and desk_code = ?' : '';
  const flows = await deps.em.execute<Array<Record<string, string>>>(
    `select desk_code, sum(received) as received, sum(resolved_early) as early, sum(resolved_on_time) as on_time, sum(resolved_late) as late
       from onestop.desk_daily_stats where day between ? and ? ${only} group by desk_code`,
    agency ? [from, to, agency] : [from, to],
  );
  const stocks = await deps.em.execute<Array<Record<string, string>>>(
    `select desk_code,
            count(*) filter (where status in ('RECEIVED', 'IN_PROGRESS') and due_at >= ?) as on_time,
            count(*) filter (where status in ('RECEIVED', 'IN_PROGRESS') and due_at < ?) as overdue,
            count(*) filter (where status in ('SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT')) as suspended
       from onestop.dossier
      where status in ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT') ${only}
      group by desk_code`,
    agency ? [deps.now, deps.now, agency] : [deps.now, deps.now],
  );
  const rows = new Map<string, AgencyPerformance>();
  const rowOf = (code: string, total = false) => {
    let row = rows.get(code);
    if (!row) {
      row = Object.assign(new AgencyPerformance(), {
        agencyCode: code,
        total,
        received: 0,
        resolvedEarly: 0,
        resolvedOnTime: 0,
        resolvedLate: 0,
        inProgressOnTime: 0,
        inProgressOverdue: 0,
        suspended: 0,
        onTimeRate: null,
      });
      rows.set(code, row);
    }
    return row;
  };
  for (const flow of flows) {
    Object.assign(rowOf(flow.desk_code), {
      received: Number(flow.received),
      resolvedEarly: Number(flow.early),
      resolvedOnTime: Number(flow.on_time),
      resolvedLate: Number(flow.late),
    });
  }
  for (const stock of stocks) {
    Object.assign(rowOf(stock.desk_code), { inProgressOnTime: Number(stock.on_time), inProgressOverdue: Number(stock.overdue), suspended: Number(stock.suspended) });
  }
  const agencies = [...rows.values()].sort((a, b) => (a.agencyCode < b.agencyCode ? -1 : 1));
  const total = rowOf(PROVINCE, true);
  for (const row of agencies) {
    for (const key of ['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'suspended'] as const) {
      total[key] += row[key];
    }
  }
  for (const row of [...agencies, total]) {
    const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
    row.onTimeRate = resolved ? Math.round(((row.resolvedEarly + row.resolvedOnTime) / resolved) * 10_000) / 10_000 : null;
  }
  return [...agencies, total];
}

/** An agency's inbox is for its own officers and systems, and for supervisors. */
export function assertMayReadInbox(actor: Identity | null, agencyCode: string): void {
  const caller = requireActor(actor);
  if (caller.agency !== agencyCode && !caller.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${agencyCode} and supervisors may read ${agencyCode}'s inbox.`);
  }
}

/**
 * Hộp hồ sơ: the dossiers each agency holds or has been handed and not yet accepted, the nearest leg
 * deadline first, for many agencies in one query (a window per agency gives both the page and the total).
 */
export async function inboxPages(
  em: EntityManager,
  agencyCodes: readonly string[],
  first: number,
  after: Position | null,
): Promise<Map<string, DossierConnection>> {
  const afterCursor = after ? '(d.leg_due_at, d.code) > (?, ?)' : 'true';
  const cursorParams = after ? [after.at, after.code] : [];
  const rows: Array<Record<string, unknown>> = await em.execute(
    `select * from (
       select d.*, a.agency_code, ${afterCursor} as after_cursor,
              count(*) over (partition by a.agency_code) as total_count,
              count(*) filter (where ${afterCursor})
                over (partition by a.agency_code order by d.leg_due_at, d.code) as position
         from onestop.dossier d
        cross join lateral (values (d.holder_code), (nullif(d.addressee_code, d.holder_code))) as a(agency_code)
        where (d.holder_code in (?) or d.addressee_code in (?)) and a.agency_code in (?)
     ) x
     where x.after_cursor and x.position <= ?
     order by x.agency_code, x.leg_due_at, x.code`,
    [...cursorParams, ...cursorParams, agencyCodes, agencyCodes, agencyCodes, first + 1],
  );
  const pages = new Map<string, { edges: DossierEdge[]; hasNextPage: boolean; totalCount: number }>();
  for (const row of rows) {
    const agencyCode = row.agency_code as string;
    const page = pages.get(agencyCode) ?? { edges: [], hasNextPage: false, totalCount: Number(row.total_count) };
    pages.set(agencyCode, page);
    if (page.edges.length === first) {
      page.hasNextPage = true;
      continue;
    }
    const { agency_code: _agency, after_cursor: _after, total_count: _total, position: _position, ...columns } = row;
    const dossier = em.map(Dossier, columns);
    page.edges.push(new DossierEdge(encodeCursor({ at: dossier.legDueAt, code: dossier.code }), dossier));
  }
  const result = new Map<string, DossierConnection>();
  for (const code of agencyCodes) {
    const page = pages.get(code);
    const total = page?.totalCount ?? 0;
    result.set(code, new DossierConnection(page?.edges ?? [], page?.hasNextPage ?? false, () => total));
  }
  return result;
}

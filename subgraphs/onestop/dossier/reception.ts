import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { LoadStrategy } from '@mikro-orm/core';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors';
import { localDate } from '../../common/scalars';
import { cleanList, Problems, requiredText } from '../../common/validation';
import { decide } from '../rulebook/decide';
import { agencyAt, isOpen, versionAt, type DirectoryAgency, type DirectoryProcedure, type ProcedureVersionRecord } from '../rulebook/directory';
import { checkDocuments, receptionProblems, resolveRoute, type Whereabouts } from '../rulebook/reception';
import { Channel, Delivery } from '../rulebook/statuses';
import { deskPermission, submitPermission } from '../rulebook/workflow';
import { calendarOf, isDossierRace, record, stateOf, violates, type Deps } from './change';
import { nextNumbers } from './counter.entity';
import { learnNumbers, learnReceipt, placeOf, receiptNumbers, receiveAtDesk, type ReceiptNumbers } from './receipt-numbers';
import { agencyDirectory, procedureOf, unitDirectory } from './directory';
import { Dossier } from './dossier.entity';
import { cleanIntake, cleanReceivedAt, type ReceiveDossierInput, type SubmitDossierInput } from './dossier.input';
import { canonicalJson } from './history-chain';
import { preparedEntities } from '../../common/prepared';
import { orThrow } from './permissions';
import { requireActor } from '../../common/roles';
import type { Actor } from '../rulebook/state';

/**
 * Tiếp nhận: the desk checks the documents against the procedure; complete, the dossier is created with
 * its code, receipt, ledger entry and planned legs, in one transaction.
 */

export interface ReceptionFacts {
  /** The desk's agency as it stood at receipt. */
  desk: DirectoryAgency;
  procedure: DirectoryProcedure;
  /** The procedure's version in force at receipt: the dossier keeps it. */
  version: ProcedureVersionRecord;
  agencies: Map<string, DirectoryAgency>;
  where: Whereabouts;
}

/** The places a dossier belongs to, as the desk gives them: unit codes, or null. */
export const cleanCommune = (value: string | null | undefined) => (value == null ? null : value.trim().toUpperCase() || null);

/**
 * The procedure, the desk, the directory and the units, read from the graph as the registers stood at the
 * instant; BAD_USER_INPUT when the desk cannot receive it.
 */
export async function receptionFacts(
  deps: Deps,
  procedureCode: string,
  deskCode: string,
  at: Date,
  place: { applicantCommune?: string | null; parcelCommune?: string | null } = {},
): Promise<ReceptionFacts> {
  const [procedure, agencies, units] = await Promise.all([procedureOf(deps.graph, procedureCode), agencyDirectory(deps.graph), unitDirectory(deps.graph)]);
  const where: Whereabouts = { units, ...place };
  const problems = new Problems();
  for (const [field, problem] of Object.entries(receptionProblems(procedureCode, procedure, deskCode, agencies, at, where))) problems.add(field, problem);
  problems.throwIfAny();
  return { desk: agencyAt(agencies.get(deskCode)!, at), procedure: procedure!, version: versionAt(procedure!, at), agencies, where };
}

const fingerprintOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** The dossier a key was first used for (a prepared read); CONFLICT when the key came with different content. */
async function findIdempotent(em: EntityManager, deskCode: string, key: string, fingerprint: string): Promise<Dossier | null> {
  const [existing] = await preparedEntities(em, Dossier, 'onestop.dossier-by-key', 'select * from onestop.dossier where desk_code = $1 and idempotency_key = $2', [deskCode, key]);
  if (existing && existing.idempotencyFingerprint !== fingerprint) {
    throw new ConflictError(`The idempotency key ${key} was already used for dossier ${existing.code} with different content.`, {
      dossier: existing.code,
    });
  }
  return existing ?? null;
}

/** The same key sent twice at once: the first dossier stands and is the answer to both; any other error is thrown on. */
async function firstWithKey(deps: Deps, error: unknown, deskCode: string, key: string | null, fingerprint: string): Promise<Dossier> {
  if (key && violates(error, 'dossier_desk_code_idempotency_key_unique')) {
    const existing = await findIdempotent(deps.em.fork(), deskCode, key, fingerprint);
    if (existing) return existing;
  }
  throw error;
}

/** What a dossier keeps of the procedure's version in force when it was submitted or received. */
const versionFields = (version: ProcedureVersionRecord) => ({
  procedureName: version.name,
  procedureVersion: version.version,
  field: version.field,
  processingDays: version.processingDays,
});

const yymmdd = (date: string) => date.slice(2).replace(/-/g, '');

function cleanCopies(problems: Problems, value: number | null | undefined): number {
  const copies = value ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 50) problems.add('copies', 'must be a whole number from 1 to 50');
  return copies;
}

/** The documents the procedure's version asks for; BAD_USER_INPUT for missing ones (unless allowed) and unknown ones. */
function checkedDocuments(version: ProcedureVersionRecord, given: string[], allowMissing: boolean): string[] {
  const { accepted, missing, unknown } = checkDocuments(version.documents, given);
  if (missing.length > 0 && !allowMissing) {
    throw new BadUserInputError(`The dossier lacks ${missing.length} required document(s); give the applicant a guidance slip (issueGuidance).`, {
      missing,
      unknown,
    });
  }
  if (unknown.length > 0) {
    throw new BadUserInputError(`${version.name} does not list: ${unknown.join('; ')}.`, { unknown, fields: { documents: 'unknown documents' } });
  }
  return accepted;
}

/** The dossier code's counter: the serial of the desk's dossiers of the day. */
const codeCounter = (desk: DirectoryAgency, at: Date) => ['dossier', `${desk.code}|${localDate(at)}`] as const;

/** Mã hồ sơ: `<desk>-<YYMMDD>-<NNNN>`, the serial of the desk's dossiers of the day (Circular 01/2018 Art. 19). */
function codeOf(desk: DirectoryAgency, at: Date, serial: number): string {
  const date = localDate(at);
  if (serial > 9999) throw new ConflictError(`${desk.name} has used every dossier number of ${date}.`);
  return `${desk.code}-${yymmdd(date)}-${String(serial).padStart(4, '0')}`;
}

/**
 * Nộp hồ sơ trực tuyến / qua bưu chính: the desk's agency's online service
 * submits the dossier; it gets its code and waits for the desk, with no appointment, no receipt and no
 * ledger entry before the desk receives it (`receiveDossier` with `submitted`). Documents the procedure
 * does not list are refused; missing ones are the desk's to judge at receipt.
 */
export async function submitDossier(deps: Deps, input: SubmitDossierInput): Promise<Dossier> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const { procedureCode, deskCode, applicant } = cleanIntake(problems, input);
  const documents = cleanList(problems, 'documents', input.documents, { required: true });
  const copies = cleanCopies(problems, input.copies);
  const delivery = input.delivery ?? Delivery.AT_DESK;
  if (input.channel !== Channel.ONLINE && input.channel !== Channel.POST) problems.add('channel', 'must be ONLINE or POST');
  const key = input.idempotencyKey == null ? null : requiredText(problems, 'idempotencyKey', input.idempotencyKey, 200);
  const applicantCommune = cleanCommune(input.applicantCommune);
  const parcelCommune = cleanCommune(input.parcelCommune);
  problems.throwIfAny();
  // Or a public service portal the directory marks (`servicePortal`), for any desk.
  const byPortal = await submitsAsPortal(deps, actor, deskCode, deps.now);
  orThrow(submitPermission(actor, deskCode, byPortal));
  const fingerprint = fingerprintOf({ procedureCode, deskCode, applicant, documents, copies, delivery, channel: input.channel, applicantCommune, parcelCommune });
  if (key) {
    const existing = await findIdempotent(deps.em, deskCode, key, fingerprint);
    if (existing) return existing;
  }
  const submittedAt = deps.now;
  const [{ desk, procedure, version }, calendar] = await Promise.all([
    receptionFacts(deps, procedureCode, deskCode, submittedAt, { applicantCommune, parcelCommune }),
    calendarOf(deps),
  ]);
  const accepted = checkedDocuments(version, documents, true);
  const counter = codeCounter(desk, submittedAt);
  try {
    const { dossier, serial } = await deps.em.transactional(async (em) => {
      const [serial] = await nextNumbers(em, [counter]);
      const code = codeOf(desk, submittedAt, serial);
      const channel = input.channel as Channel.ONLINE | Channel.POST;
      const decided = decide(
        null,
        { type: 'SUBMIT', code, desk, byPortal, submittedAt, channel, documents: accepted, copies, delivery },
        { now: deps.now, calendar, actor, reads: true },
      );
      const dossier = new Dossier({
        ...intakeOf({ code, procedure, version, applicantCommune, parcelCommune, desk, applicant }),
        documents: accepted,
        copies,
        delivery,
        channel,
        submittedAt,
        receivedAt: submittedAt,
        receivedBy: null,
        dueAt: null,
        dueProvisional: false,
        legDueAt: submittedAt,
        currentLeg: 0,
        receiptNumber: null,
        ledgerBook: null,
        ledgerNumber: null,
      });
      return { dossier: await keepNew(em, dossier, decided, desk.name, key, fingerprint), serial };
    });
    // The desk's receipts of the day count on from it.
    learnNumbers(deps.em, [counter], [serial]);
    return dossier;
  } catch (error) {
    return firstWithKey(deps, error, deskCode, key, fingerprint);
  }
}

/**
 * The desk receives a dossier submitted online or by post: it checks the documents (the ones it found, or
 * the submission's), and the appointment is counted from this receipt.
 */
async function receiveSubmitted(deps: Deps, input: ReceiveDossierInput): Promise<Dossier> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const code = requiredText(problems, 'submitted', input.submitted, 100);
  const deskCode = requiredText(problems, 'desk', input.desk, 100);
  const given = input.documents == null ? null : cleanList(problems, 'documents', input.documents, { required: true });
  const receivedAt = cleanReceivedAt(problems, input.receivedAt, deps.now);
  problems.throwIfAny();
  orThrow(deskPermission(actor, deskCode, 'receive dossiers there'));
  const found = await deps.em.findOne(Dossier, { code });
  if (!found) throw new NotFoundError('Dossier', code);
  // Only the desk it was submitted to receives it; to another desk it is not theirs to see.
  orThrow(deskPermission(actor, found.deskCode, `receive dossier ${code}`));
  if (found.deskCode !== deskCode) problems.add('desk', `${code} was submitted to ${found.deskName}`);
  if (input.procedure != null && input.procedure.trim() !== found.procedureCode) problems.add('procedure', `${code} was submitted for ${found.procedureCode}`);
  if (found.submittedAt && receivedAt < found.submittedAt) problems.add('receivedAt', 'cannot be before the submission');
  problems.throwIfAny();
  const [{ desk, version, procedure, agencies, where }, calendar] = await Promise.all([
    receptionFacts(deps, found.procedureCode, deskCode, receivedAt, { applicantCommune: found.applicantCommune, parcelCommune: found.parcelCommune }),
    calendarOf(deps),
  ]);
  const accepted = checkedDocuments(version, given ?? found.documents, false);
  const route = orThrow(resolveRoute(procedure, desk, agencies, receivedAt, where));
  const place = placeOf(desk.code, version.field, receivedAt);
  try {
    const { dossier, taken, numbers } = await deps.em.transactional(async (em) => {
      const dossier = await em.findOneOrFail(Dossier, { code }, { populate: ['legs', 'transfers'], strategy: LoadStrategy.JOINED });
      const state = stateOf(dossier);
      const { taken, numbers } = (await receiptNumbers(em, place))!;
      const decided = decide(
        state,
        { type: 'RECEIVE', code, desk, receivedAt, route, documents: accepted, copies: dossier.copies, delivery: dossier.delivery, receiptNumber: numbers.receiptNumber },
        { now: deps.now, calendar, actor, reads: true },
      );
      Object.assign(dossier, {
        ...numbers,
        receivedBy: actor.name,
        ...versionFields(version),
      });
      await record(em, dossier, state, decided, desk.name);
      return { dossier, taken, numbers };
    });
    learnReceipt(deps.em, place, [], taken, numbers);
    return dossier;
  } catch (error) {
    if (isDossierRace(error)) throw new ConflictError('Another change to this dossier was saved first; reload it and try again.', { code });
    throw error;
  }
}

export async function receiveDossier(deps: Deps, input: ReceiveDossierInput): Promise<Dossier> {
  if (input.submitted != null) return receiveSubmitted(deps, input);
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const { procedureCode, deskCode, applicant } = cleanIntake(problems, input);
  const submitted = cleanList(problems, 'documents', input.documents, { required: true });
  const copies = cleanCopies(problems, input.copies);
  const delivery = input.delivery ?? Delivery.AT_DESK;
  const receivedAt = cleanReceivedAt(problems, input.receivedAt, deps.now);
  const key = input.idempotencyKey == null ? null : requiredText(problems, 'idempotencyKey', input.idempotencyKey, 200);
  const applicantCommune = cleanCommune(input.applicantCommune);
  const parcelCommune = cleanCommune(input.parcelCommune);
  problems.throwIfAny();
  orThrow(deskPermission(actor, deskCode, 'receive dossiers there'));

  const fingerprint = fingerprintOf({
    procedureCode, deskCode, applicant, submitted, copies, delivery, receivedAt: input.receivedAt ?? null,
    ...(applicantCommune ? { applicantCommune } : {}),
    ...(parcelCommune ? { parcelCommune } : {}),
  });
  // A retry with a key already used gets its first dossier: checked with the numbers (below), or, when the
  // registers no longer accept the receipt, before the refusal is given.
  const checked = async () => {
    const [{ desk, procedure, version, agencies, where }, calendar] = await Promise.all([
      receptionFacts(deps, procedureCode, deskCode, receivedAt, { applicantCommune, parcelCommune }),
      calendarOf(deps),
    ]);
    const accepted = checkedDocuments(version, submitted, false);
    return { desk, procedure, version, calendar, accepted, route: orThrow(resolveRoute(procedure, desk, agencies, receivedAt, where)) };
  };
  let facts: Awaited<ReturnType<typeof checked>>;
  try {
    facts = await checked();
  } catch (error) {
    const existing = key ? await findIdempotent(deps.em, deskCode, key, fingerprint) : null;
    if (existing) return existing;
    throw error;
  }
  const { desk, procedure, version, calendar, accepted, route } = facts;
  const place = placeOf(desk.code, version.field, receivedAt);
  const code = codeCounter(desk, receivedAt);

  /** The dossier received with these numbers, its idempotency key kept, and what the rules decided. */
  const received = (serial: number, numbers: ReceiptNumbers) => {
    const decided = decide(
      null,
      { type: 'RECEIVE', code: codeOf(desk, receivedAt, serial), desk, receivedAt, route, documents: accepted, copies, delivery, receiptNumber: numbers.receiptNumber },
      { now: deps.now, calendar, actor, reads: true },
    );
    const [event] = orThrow(decided);
    if (event.type !== 'RECEIVE') throw new Error('A receipt decides a RECEIVE event.');
    const dossier = new Dossier({
      ...intakeOf({ code: event.code, procedure, version, applicantCommune, parcelCommune, desk, applicant }),
      documents: event.documents,
      copies,
      delivery,
      receivedAt,
      receivedBy: actor.name,
      dueAt: event.dueAt,
      dueProvisional: event.dueProvisional,
      legDueAt: event.legDueAt,
      currentLeg: event.currentLeg,
      ...numbers,
    });
    dossier.idempotencyKey = key;
    dossier.idempotencyFingerprint = key ? fingerprint : null;
    return { dossier, decided };
  };

  /** The receipt taking its numbers in turn, in its own transaction. */
  const inTurn = async (): Promise<Dossier> => {
    const stored = await deps.em.transactional(async (em) => {
      // Numbers come from counters in this transaction, all three in one statement (in the same order as
      // every other taker's): simultaneous receipts take turns, a failed one gives them back. None are taken
      // for a key the desk has used: the answer is then that dossier (below).
      const taken = await receiptNumbers(em, place, [code], key);
      if (!taken) return null;
      const { dossier, decided } = received(taken.taken[0], taken.numbers);
      await record(em, dossier, null, decided, desk.name, { commit: true });
      return { dossier, ...taken };
    });
    if (stored) {
      learnReceipt(deps.em, place, [code], stored.taken, stored.numbers);
      return stored.dossier;
    }
    // Or CONFLICT, when the key came with other content.
    const existing = await findIdempotent(deps.em, deskCode, key!, fingerprint);
    if (!existing) throw new Error(`The dossier received with idempotency key ${key} was not found again.`);
    return existing;
  };

  try {
    return await receiveAtDesk({ em: deps.em, place, code, deskName: desk.name, build: received, inTurn });
  } catch (error) {
    return firstWithKey(deps, error, deskCode, key, fingerprint);
  }
}

type DossierInit = ConstructorParameters<typeof Dossier>[0];

/** What a new dossier takes from its intake, whether it is submitted or received at the desk. */
function intakeOf(intake: Pick<DossierInit, 'code' | 'applicantCommune' | 'parcelCommune' | 'applicant'> & {
  procedure: { code: string };
  version: Parameters<typeof versionFields>[0];
  desk: { code: string; name: string };
}): Pick<DossierInit, 'code' | 'procedureCode' | 'applicantCommune' | 'parcelCommune' | 'deskCode' | 'deskName' | 'applicant'> & ReturnType<typeof versionFields> {
  const { code, procedure, version, applicantCommune, parcelCommune, desk, applicant } = intake;
  return { code, procedureCode: procedure.code, ...versionFields(version), applicantCommune, parcelCommune, deskCode: desk.code, deskName: desk.name, applicant };
}

/**
 * Stores a new dossier with the idempotency key it came with and its first history event, written by one
 * statement (`record`) that also commits the transaction: the desk's counter rows, held since the numbers were
 * taken, are let go as it returns. The caller's transaction ends here, and the dossier returned is not managed
 * by the unit of work.
 */
async function keepNew(em: Parameters<typeof record>[0], dossier: Dossier, decided: Parameters<typeof record>[3], deskName: string, key: string | null, fingerprint: string): Promise<Dossier> {
  dossier.idempotencyKey = key;
  dossier.idempotencyFingerprint = key ? fingerprint : null;
  await record(em, dossier, null, decided, deskName, { commit: true });
  return dossier;
}

/**
 * Whether the caller submits as a public service portal: a SYSTEM of another agency than the desk's, which
 * the directory marks (`servicePortal`) and which operates at the instant.
 */
async function submitsAsPortal(deps: Deps, actor: Actor, deskCode: string, at: Date): Promise<boolean> {
  if (actor.agency === deskCode || !actor.roles.includes('SYSTEM')) return false;
  const agency = (await agencyDirectory(deps.graph)).get(actor.agency);
  return !!agency && isOpen(agency, at) && agencyAt(agency, at).servicePortal === true;
}


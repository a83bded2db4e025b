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
import { nextNumber, nextNumbers, takeNumbersAndRead } from './counter.entity';
import type { CounterKey } from '../../common/counter';
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

/** Whether the desk has a dossier received with an idempotency key (asked with the receipt's numbers). */
const KEY_USED = 'select 1 from onestop.dossier where desk_code = ? and idempotency_key = ?';

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

/** Where a receipt is numbered: its desk, its field (one ledger book per field) and the year. */
interface ReceiptPlace {
  desk: string;
  field: string;
  year: string;
}

const placeOf = (desk: string, field: string, receivedAt: Date): ReceiptPlace => ({ desk, field, year: localDate(receivedAt).slice(0, 4) });

/**
 * The counters a receipt takes at its desk: the receipt counts per desk and year, the ledger per desk, field
 * and year; and the one it reads, the volume of the ledger book of its desk, field and year once the book is opened.
 */
function receiptCounters({ desk, field, year }: ReceiptPlace) {
  const book = `${desk}|${field}|${year}`;
  return { take: [['receipt', `${desk}|${year}`], ['ledger', book]] as CounterKey[], book: ['ledger-volume-of', book] as CounterKey };
}

/**
 * The receipt's and the ledger's numbers at the desk, and the ledger book's volume, in one statement with
 * the counters in `first` (a new dossier's code): the desk's rows are held from here to the commit. With
 * `key`, none are taken (null) when the desk already has a dossier received with that idempotency key.
 */
async function receiptNumbers(em: EntityManager, place: ReceiptPlace, first: ReadonlyArray<CounterKey> = [], key: string | null = null) {
  const { take, book } = receiptCounters(place);
  const {
    taken,
    read: [opened],
  } = await takeNumbersAndRead(em, [...first, ...take], [book], key === null ? undefined : [KEY_USED, [place.desk, key]]);
  if (!taken) return null;
  const [receipt, ledger] = taken.slice(first.length);
  return {
    serials: taken.slice(0, first.length),
    numbers: {
      receiptNumber: `${receipt}/TNHS`,
      ledgerBook: `${place.field} ${place.year}`,
      ledgerNumber: ledger,
      ledgerVolume: await bookVolume(em, place, book, ledger, opened),
    },
  };
}

/** The dossier code's counter: the serial of the desk's dossiers of the day. */
const codeCounter = (desk: DirectoryAgency, at: Date) => ['dossier', `${desk.code}|${localDate(at)}`] as const;

/** Mã hồ sơ: `<desk>-<YYMMDD>-<NNNN>`, the serial of the desk's dossiers of the day (Circular 01/2018 Art. 19). */
function codeOf(desk: DirectoryAgency, at: Date, serial: number): string {
  const date = localDate(at);
  if (serial > 9999) throw new ConflictError(`${desk.name} has used every dossier number of ${date}.`);
  return `${desk.code}-${yymmdd(date)}-${String(serial).padStart(4, '0')}`;
}

async function dossierCode(em: EntityManager, desk: DirectoryAgency, at: Date): Promise<string> {
  const [serial] = await nextNumbers(em, [codeCounter(desk, at)]);
  return codeOf(desk, at, serial);
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
  try {
    return await deps.em.transactional(async (em) => {
      const code = await dossierCode(em, desk, submittedAt);
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
      return keepNew(em, dossier, decided, desk.name, key, fingerprint);
    });
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
  try {
    return await deps.em.transactional(async (em) => {
      const dossier = await em.findOneOrFail(Dossier, { code }, { populate: ['legs', 'transfers'], strategy: LoadStrategy.JOINED });
      const state = stateOf(dossier);
      const { numbers } = (await receiptNumbers(em, placeOf(desk.code, version.field, receivedAt)))!;
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
      return dossier;
    });
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

  try {
    const stored = await deps.em.transactional(async (em) => {
      // Numbers come from counters in this transaction, all three in one statement (in the same order as
      // every other taker's): simultaneous receipts take turns, a failed one gives them back. None are taken
      // for a key the desk has used: the answer is then that dossier (below).
      const taken = await receiptNumbers(em, placeOf(desk.code, version.field, receivedAt), [codeCounter(desk, receivedAt)], key);
      if (!taken) return null;
      const {
        serials: [serial],
        numbers,
      } = taken;
      const code = codeOf(desk, receivedAt, serial);
      const decided = decide(
        null,
        { type: 'RECEIVE', code, desk, receivedAt, route, documents: accepted, copies, delivery, receiptNumber: numbers.receiptNumber },
        { now: deps.now, calendar, actor, reads: true },
      );
      const [received] = orThrow(decided);
      if (received.type !== 'RECEIVE') throw new Error('A receipt decides a RECEIVE event.');
      const dossier = new Dossier({
        ...intakeOf({ code, procedure, version, applicantCommune, parcelCommune, desk, applicant }),
        documents: received.documents,
        copies,
        delivery,
        receivedAt,
        receivedBy: actor.name,
        dueAt: received.dueAt,
        dueProvisional: received.dueProvisional,
        legDueAt: received.legDueAt,
        currentLeg: received.currentLeg,
        ...numbers,
      });
      return keepNew(em, dossier, decided, desk.name, key, fingerprint);
    });
    if (stored) return stored;
    // Or CONFLICT, when the key came with other content.
    const existing = await findIdempotent(deps.em, deskCode, key!, fingerprint);
    if (!existing) throw new Error(`The dossier received with idempotency key ${key} was not found again.`);
    return existing;
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

/**
 * Quyển số: the number of the ledger book (desk, field, year; Plan 58/KH-UBND form 02: one book per field) a
 * receipt's entry `ledgerNumber` goes in. A book's first entry opens it and takes the desk's next book number
 * of the year; its later entries read it back (`opened`, read with the numbers, or again when the book was
 * opened while this receipt waited for its turn). The ledger counter's row is held until the receipt's
 * transaction ends, so one transaction alone opens a book.
 */
async function bookVolume(em: EntityManager, place: ReceiptPlace, [scope, book]: CounterKey, ledgerNumber: number, opened: number | undefined): Promise<number> {
  if (ledgerNumber === 1) {
    const volume = await nextNumber(em, 'ledger-volume', `${place.desk}|${place.year}`);
    await em.execute(`insert into "onestop".counter (scope, key, value) values (?, ?, ?)`, [scope, book, volume]);
    return volume;
  }
  if (opened !== undefined) return opened;
  const [found] = await em.execute<Array<{ value: number }>>(`select value from "onestop".counter where scope = ? and key = ?`, [scope, book]);
  return found.value;
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { BadUserInputError, ConflictError } from '../../common/errors';
import { localDate } from '../../common/scalars';
import { cleanList, Problems, requiredText } from '../../common/validation';
import { decide } from '../rulebook/decide';
import { agencyAt, versionAt, type DirectoryAgency, type DirectoryProcedure, type ProcedureVersionRecord } from '../rulebook/directory';
import { checkDocuments, receptionProblems, resolveRoute, type Whereabouts } from '../rulebook/reception';
import { Delivery } from '../rulebook/statuses';
import { deskPermission } from '../rulebook/workflow';
import { calendarOf, record, type Deps } from './change';
import { nextNumbers } from './counter.entity';
import { agencyDirectory, procedureOf, unitDirectory } from './directory';
import { Dossier } from './dossier.entity';
import { cleanIntake, cleanReceivedAt, type ReceiveDossierInput } from './dossier.input';
import { canonicalJson } from './history-chain';
import { orThrow } from './permissions';
import { requireActor } from '../../common/roles';

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

/** The dossier a key was first used for; CONFLICT when the key came with different content. */
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
  const { procedureCode, deskCode, applicant } = cleanIntake(problems, input);
  const submitted = cleanList(problems, 'documents', input.documents, { required: true });
  const copies = input.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 50) problems.add('copies', 'must be a whole number from 1 to 50');
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
  if (key) {
    const existing = await findIdempotent(deps.em, deskCode, key, fingerprint);
    if (existing) return existing;
  }

  const [{ desk, procedure, version, agencies, where }, calendar] = await Promise.all([
    receptionFacts(deps, procedureCode, deskCode, receivedAt, { applicantCommune, parcelCommune }),
    calendarOf(deps),
  ]);
  const { accepted, missing, unknown } = checkDocuments(version.documents, submitted);
  if (missing.length > 0) {
    throw new BadUserInputError(`The dossier lacks ${missing.length} required document(s); give the applicant a guidance slip (issueGuidance).`, {
      missing,
      unknown,
    });
  }
  if (unknown.length > 0) {
    throw new BadUserInputError(`${version.name} does not list: ${unknown.join('; ')}.`, { unknown, fields: { documents: 'unknown documents' } });
  }
  const route = orThrow(resolveRoute(procedure, desk, agencies, receivedAt, where));

  try {
    return await deps.em.transactional(async (em) => {
      const date = localDate(receivedAt);
      const year = date.slice(0, 4);
      // Numbers come from counters in this transaction: simultaneous receipts take turns, a failed one gives them back.
      const [serial, receipt, ledger] = await nextNumbers(em, [
        ['dossier', `${desk.code}|${date}`],
        ['receipt', `${desk.code}|${year}`],
        ['ledger', `${desk.code}|${version.field}|${year}`],
      ]);
      if (serial > 9999) throw new ConflictError(`${desk.name} has used every dossier number of ${date}.`);
      const code = `${desk.code}-${yymmdd(date)}-${String(serial).padStart(4, '0')}`;
      const decided = decide(
        null,
        { type: 'RECEIVE', code, desk, receivedAt, route, documents: accepted, copies, delivery, receiptNumber: `${receipt}/TNHS` },
        { now: deps.now, calendar, actor, reads: true },
      );
      const [received] = orThrow(decided);
      if (received.type !== 'RECEIVE') throw new Error('A receipt decides a RECEIVE event.');
      const dossier = new Dossier({
        code,
        procedureCode: procedure.code,
        procedureName: version.name,
        procedureVersion: version.version,
        field: version.field,
        processingDays: version.processingDays,
        applicantCommune,
        parcelCommune,
        deskCode: desk.code,
        deskName: desk.name,
        applicant,
        documents: received.documents,
        copies,
        delivery,
        receivedAt,
        receivedBy: actor.name,
        dueAt: received.dueAt,
        dueProvisional: received.dueProvisional,
        legDueAt: received.legDueAt,
        currentLeg: received.currentLeg,
        receiptNumber: received.receiptNumber,
        ledgerBook: `${version.field} ${year}`,
        ledgerNumber: ledger,
      });
      dossier.idempotencyKey = key;
      dossier.idempotencyFingerprint = key ? fingerprint : null;
      await record(em, dossier, null, decided, desk.name);
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

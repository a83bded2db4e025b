import type { Identity } from '../common/auth';
import type { Context } from '../common/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors';
import { recordMessage } from '../common/outbox';
import { requireRole } from '../common/roles';
import { Problems, requiredText } from '../common/validation';
import { Agency } from './agency.entity';
import { CompetenceMove } from './competence-move.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { Procedure } from './procedure.entity';

export type ProvinceDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;

/** Sở Nội vụ: the department that keeps the province's organisation and the directory. */
export const HOME_AFFAIRS = 'BG.SNV';

const requireHomeAffairsSupervisor = (actor: Identity | null) =>
  requireRole(actor, ['SUPERVISOR'], `Only a SUPERVISOR of the Department of Home Affairs (${HOME_AFFAIRS}) changes the directory.`, { agency: HOME_AFFAIRS });

const isOpenAt = (agency: Agency, at: Date) => !agency.validTo || agency.validTo > at;

function cleanChange(problems: Problems, deps: ProvinceDeps, input: { effectiveAt: Date; reason: string }) {
  const reason = requiredText(problems, 'reason', input.reason, 1000);
  if (input.effectiveAt > deps.now) problems.add('effectiveAt', 'record a change once it has taken effect');
  return reason;
}

async function openAgency(deps: ProvinceDeps, code: string, field: string, at: Date): Promise<Agency> {
  const agency = await deps.em.findOne(Agency, { code });
  if (!agency) throw new BadUserInputError(`${code} is not in the directory.`, { fields: { [field]: 'unknown agency' } });
  if (!isOpenAt(agency, at)) throw new BadUserInputError(`${agency.name} is already closed.`, { fields: { [field]: 'closed' } });
  return agency;
}

/**
 * An agency closes (merged, abolished): it keeps its record, gets `validTo` and its successor, and every
 * dossier it holds or has been handed goes to the successor as an ordinary hand-over (the event).
 */
export async function closeAgency(deps: ProvinceDeps, input: { code: string; successor: string; effectiveAt: Date; reason: string }): Promise<Agency> {
  const actor = requireHomeAffairsSupervisor(deps.actor);
  const problems = new Problems();
  const code = requiredText(problems, 'code', input.code, 100);
  const successorCode = requiredText(problems, 'successor', input.successor, 100);
  const reason = cleanChange(problems, deps, input);
  if (code && code === successorCode) problems.add('successor', 'an agency cannot succeed itself');
  problems.throwIfAny();
  return deps.em.transactional(async (em) => {
    const agency = await openAgency({ ...deps, em }, code, 'code', input.effectiveAt);
    const successor = await openAgency({ ...deps, em }, successorCode, 'successor', input.effectiveAt);
    agency.validTo = input.effectiveAt;
    agency.successor = successor;
    recordMessage(em, ProvinceOutboxEvent, actor, 'AGENCY_CLOSED', null, {
      agency: agency.code,
      agencyName: agency.name,
      successor: successor.code,
      successorName: successor.name,
      effectiveAt: input.effectiveAt,
      reason,
    }, deps.now);
    return agency;
  });
}

/**
 * A procedure's competence moves (as criminal-record certificates moved from the Department of Justice to
 * the provincial police on 1/3/2025): from then on the new agency's desk receives it and its route names
 * the new agency; dossiers in flight at the old one follow (the event).
 */
export async function transferCompetence(
  deps: ProvinceDeps,
  input: { procedure: string; from: string; to: string; effectiveAt: Date; reason: string },
): Promise<Procedure> {
  const actor = requireHomeAffairsSupervisor(deps.actor);
  const problems = new Problems();
  const procedureCode = requiredText(problems, 'procedure', input.procedure, 100);
  const fromCode = requiredText(problems, 'from', input.from, 100);
  const toCode = requiredText(problems, 'to', input.to, 100);
  const reason = cleanChange(problems, deps, input);
  if (fromCode && fromCode === toCode) problems.add('to', 'the competence must move to another agency');
  problems.throwIfAny();
  return deps.em.transactional(async (em) => {
    const procedure = await em.findOne(Procedure, { code: procedureCode });
    if (!procedure) throw new NotFoundError('Procedure', procedureCode);
    const from = await openAgency({ ...deps, em }, fromCode, 'from', input.effectiveAt);
    const to = await openAgency({ ...deps, em }, toCode, 'to', input.effectiveAt);
    if (!to.hasDesk) throw new BadUserInputError(`${to.name} has no desk to receive the procedure.`, { fields: { to: 'no reception desk' } });
    const last = procedure.competenceMoves.at(-1);
    if (last && last.effectiveAt >= input.effectiveAt) {
      throw new ConflictError(`${procedure.code}'s competence already moved on ${last.effectiveAt.toISOString()}; moves are recorded in order.`);
    }
    procedure.competenceMoves = [...procedure.competenceMoves, new CompetenceMove({ from: from.code, to: to.code, effectiveAt: input.effectiveAt, reason })];
    recordMessage(em, ProvinceOutboxEvent, actor, 'COMPETENCE_MOVED', null, {
      procedure: procedure.code,
      agency: from.code,
      agencyName: from.name,
      successor: to.code,
      successorName: to.name,
      effectiveAt: input.effectiveAt,
      reason,
    }, deps.now);
    return procedure;
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../common/auth';
import { recordMessage } from '../common/outbox';
import { localDate } from '../common/scalars';
import { CODE } from '../common/unit-changes';
import { cleanList, optionalText, Problems, requiredText, text } from '../common/validation';
import { AgencyTier } from './agency.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { ProcedureVersion, RouteBasis } from './procedure-version.entity';
import type { ProcedureVersionInput } from './procedure-version.input';
import { Procedure } from './procedure.entity';
import { checkEffectiveAt, cleanBasis, Register, requireRegistrar, type ProvinceDeps } from './register';
import { RouteLeg } from './route-leg.entity';

/**
 * Công bố thủ tục hành chính: a procedure, or its next version, from a date. A dossier keeps the version in
 * force when it was received; a new version never re-plans dossiers already received.
 */

export type VersionContent = Omit<ProcedureVersion, 'id' | 'procedure' | 'version' | 'recordedAt' | 'recordedBy'>;

const SELECTORS = new Set(['@DESK', '@LAND', '@TAX']);
const TIERS = new Set<string>(Object.values(AgencyTier));
const BASES = new Set<string>(Object.values(RouteBasis));

/** The version's content, cleaned; every shape problem in `problems`. */
export function cleanVersion(problems: Problems, input: ProcedureVersionInput, now: Date): VersionContent {
  checkEffectiveAt(problems, 'input.effectiveFrom', input.effectiveFrom, now);
  const processingDays = input.processingDays;
  if (!Number.isInteger(processingDays) || processingDays < 0 || processingDays > 365) problems.add('input.processingDays', 'must be a whole number of working days from 0 to 365');
  const tiers = [...new Set(input.receivingTiers ?? [])];
  if (tiers.some((tier) => !TIERS.has(tier))) problems.add('input.receivingTiers', `must be among ${[...TIERS].join(', ')}`);
  const agencies = [...new Set((input.receivingAgencies ?? []).map((code) => text(code).toUpperCase()))];
  if (agencies.length > 500) problems.add('input.receivingAgencies', 'at most 500 agencies');
  if (tiers.length === 0 && agencies.length === 0) problems.add('input.receivingTiers', 'name the tiers or the agencies whose desks receive it');
  const routeBasis = input.routeBasis ?? RouteBasis.DESK;
  if (!BASES.has(routeBasis)) problems.add('input.routeBasis', `must be one of ${[...BASES].join(', ')}`);
  const route = (input.route ?? []).map((leg, index) => {
    const selector = text(leg.agency ?? '').toUpperCase();
    if (!SELECTORS.has(selector) && !CODE.test(selector)) problems.add(`input.route[${index}].agency`, 'must be @DESK, @LAND, @TAX or an agency code');
    if (!Number.isInteger(leg.workingDays) || leg.workingDays < 0 || leg.workingDays > 365) problems.add(`input.route[${index}].workingDays`, 'must be a whole number from 0 to 365');
    return new RouteLeg({ seq: index + 1, agencySelector: selector, workingDays: leg.workingDays, task: requiredText(problems, `input.route[${index}].task`, leg.task, 500) });
  });
  if (route.length === 0) problems.add('input.route', 'a route has at least one leg');
  else if (route.length > 50) problems.add('input.route', 'a route has at most 50 legs');
  else if (route.reduce((sum, leg) => sum + leg.workingDays, 0) !== processingDays) {
    problems.add('input.route', `the legs’ working days must add up to processingDays (${processingDays})`);
  }
  const documents = cleanList(problems, 'input.documents', input.documents, { required: true });
  if (documents.length > 100) problems.add('input.documents', 'at most 100 documents');
  return {
    effectiveFrom: input.effectiveFrom,
    name: requiredText(problems, 'input.name', input.name, 500),
    field: requiredText(problems, 'input.field', input.field, 200),
    processingDays,
    documents,
    receivingTiers: tiers,
    receivingAgencies: agencies,
    anyDesk: input.anyDesk === true,
    routeBasis,
    route,
    financialObligation: input.financialObligation === true,
    basis: optionalText(problems, 'input.basis', input.basis, 2000) ?? '',
    ...cleanBasis(problems, input, 'input.'),
  };
}

/** Appends the version, checked against the catalogue and the directory; BAD_USER_INPUT writes nothing. */
export function appendVersion(em: EntityManager, code: string, content: VersionContent, actor: Identity, now: Date): Promise<Procedure> {
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('mot-cua-hub:province-register'))`);
    const problems = new Problems();
    if (!CODE.test(code)) problems.add('code', 'must be capital letters, digits, dots or dashes, such as BG-DD-CN');
    const procedure = (await tx.findOne(Procedure, { code })) ?? new Procedure(code);
    const versions = await tx.find(ProcedureVersion, { procedure: code }, { orderBy: { version: 'asc' } });
    const last = versions.at(-1);
    if (last?.effectiveFrom && content.effectiveFrom && last.effectiveFrom > content.effectiveFrom) {
      problems.add('input.effectiveFrom', `version ${last.version} takes effect on ${localDate(last.effectiveFrom)}; versions are published in the order they take effect`);
    }
    const register = await Register.load(tx);
    const at = content.effectiveFrom ?? now;
    content.receivingAgencies.forEach((agency) => {
      const row = register.agencies.get(agency);
      const state = register.stateAt(agency, at);
      if (!row || !state) problems.add('input.receivingAgencies', `${agency} is not in the directory`);
      else if ((row.validTo && row.validTo <= at) || (row.validFrom && row.validFrom > at)) problems.add('input.receivingAgencies', `${state.name} does not operate then`);
      else if (!state.hasDesk) problems.add('input.receivingAgencies', `${state.name} has no reception desk`);
    });
    content.route.forEach((leg, index) => {
      if (!leg.agencySelector.startsWith('@') && !register.agencies.has(leg.agencySelector)) problems.add(`input.route[${index}].agency`, `${leg.agencySelector} is not in the directory`);
    });
    problems.throwIfAny();
    tx.persist(procedure);
    tx.persist(new ProcedureVersion({ procedure, version: (last?.version ?? 0) + 1, ...content, recordedAt: now, recordedBy: actor.name }));
    recordMessage(tx, ProvinceOutboxEvent, actor, 'PROCEDURE_PUBLISHED', null, { procedure: code, version: (last?.version ?? 0) + 1, effectiveFrom: content.effectiveFrom }, now);
    return procedure;
  });
}

/** `publishProcedureVersion`, for the registrar's SUPERVISORs. */
export async function publishProcedureVersion(deps: ProvinceDeps, code: string, input: ProcedureVersionInput): Promise<Procedure> {
  const actor = await requireRegistrar(deps);
  const problems = new Problems();
  const content = cleanVersion(problems, input, deps.now);
  problems.throwIfAny();
  return appendVersion(deps.em, text(code ?? '').toUpperCase(), content, actor, deps.now);
}

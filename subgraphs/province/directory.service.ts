import { NotFoundError } from '../common/errors';
import { Problems } from '../common/validation';
import { Agency } from './agency.entity';
import { checkEffectiveAt, cleanBasis, requireRegistrar, type ProvinceDeps } from './register';
import { cleanAmendment, cleanClosure, cleanCreation } from './reorganization.clean';
import type { AmendAgencyInput, CreateAgencyInput } from './reorganization.input';
import { EMPTY_PARTS, type DecisionParts } from './reorganization.parts';
import { applyDecision, unitsFromGraph } from './reorganization.service';
import { Procedure } from './procedure.entity';

/**
 * The register's single changes, each a decision of one part applied by the same code as `reorganize`:
 * set up an agency, change one, close one, move a procedure's competence.
 */

async function decideOne(
  deps: ProvinceDeps,
  input: { effectiveAt: Date; reason: string; source: string },
  parts: (problems: Problems) => Partial<DecisionParts>,
  path: string,
  partPath = 'input',
  fieldName?: (field: string) => string,
) {
  const actor = await requireRegistrar(deps);
  const problems = new Problems();
  checkEffectiveAt(problems, `${path}effectiveAt`, input.effectiveAt, deps.now);
  const basis = cleanBasis(problems, input, path);
  const decision = { id: null, effectiveAt: input.effectiveAt, ...basis, parts: { ...EMPTY_PARTS, ...parts(problems) } };
  problems.throwIfAny();
  const units = await unitsFromGraph(deps.graph);
  return applyDecision(deps.em, decision, { actor, now: deps.now, units, pathOf: () => partPath, fieldName });
}

/** closeAgency's arguments: the closure's own code, and its one successor (with what is said of it). */
function closureField(field: string): string {
  if (field === 'closure' || field === 'closure.code') return 'code';
  if (/^closure\.(successors|differenceReason)/.test(field)) return 'successor';
  return field.replace(/^closure\./, '');
}

/** closeAgency and transferCompetence came before sources: without one, the reason stands for it (its own problem, if blank). */
const sourceOr = (input: { source?: string | null; reason: string }) => input.source ?? (input.reason?.trim() ? input.reason : 'không ghi');

const agencyAfter = async (deps: ProvinceDeps, code: string) => {
  deps.em.clear();
  return deps.em.findOneOrFail(Agency, { code });
};

/** Thành lập: a new agency, from a date. */
export async function createAgency(deps: ProvinceDeps, input: CreateAgencyInput): Promise<Agency> {
  let code = '';
  await decideOne(deps, input, (problems) => {
    const creation = cleanCreation(problems, 'input', { ...input, source: null });
    code = creation.code;
    return { create: [creation] };
  }, 'input.');
  return agencyAfter(deps, code);
}

/** A change of an agency's name, tier, parent, desk, address, phone, service area or portal mark, from a date. */
export async function amendAgency(deps: ProvinceDeps, code: string, input: AmendAgencyInput): Promise<Agency> {
  let amended = '';
  await decideOne(deps, input, (problems) => {
    const amendment = cleanAmendment(problems, 'input', code, { ...input, source: null });
    amended = amendment.code;
    return { amend: [amendment] };
  }, 'input.');
  return agencyAfter(deps, amended);
}

/**
 * An agency closes (merged, abolished): it keeps its record and points to its successor, and every dossier
 * it holds or has been handed goes to the successor (onestop, on the message).
 */
export async function closeAgency(
  deps: ProvinceDeps,
  input: { code: string; successor: string; effectiveAt: Date; reason: string; source?: string | null; differenceReason?: string | null },
): Promise<Agency> {
  let closed = '';
  await decideOne(deps, { ...input, source: sourceOr(input) }, (problems) => {
    const closure = cleanClosure(problems, '', { code: input.code, successors: [{ agency: input.successor, area: [] }], differenceReason: input.differenceReason });
    closed = closure.code;
    return { close: [closure] };
  }, '', 'closure', closureField);
  return agencyAfter(deps, closed);
}

/**
 * A procedure's competence moves (as criminal-record certificates moved from the Department of Justice to
 * the provincial police on 1/3/2025): from then on the new agency's desk receives it and its route names
 * the new agency; dossiers in flight at the old one follow.
 */
export async function transferCompetence(
  deps: ProvinceDeps,
  input: { procedure: string; from: string; to: string; effectiveAt: Date; reason: string; source?: string | null },
): Promise<Procedure> {
  // Who asks comes first: a caller who may not move competences learns nothing of the catalogue here.
  await requireRegistrar(deps);
  const procedure = input.procedure.trim().toUpperCase();
  if (!(await deps.em.count(Procedure, { code: procedure }))) throw new NotFoundError('Procedure', input.procedure);
  await decideOne(deps, { ...input, source: sourceOr(input) }, () => ({
    competence: [{ procedure, from: input.from.trim().toUpperCase(), to: input.to.trim().toUpperCase(), source: null }],
  }), '', 'competence', (field) => field.replace(/^competence\./, ''));
  deps.em.clear();
  return deps.em.findOneOrFail(Procedure, { code: procedure });
}

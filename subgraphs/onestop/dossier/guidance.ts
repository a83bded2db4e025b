import { BadUserInputError, ForbiddenError } from '../../common/errors';
import { localDate } from '../../common/scalars';
import { cleanList, Problems } from '../../common/validation';
import { checkDocuments } from '../rulebook/reception';
import { deskPermission } from '../rulebook/workflow';
import type { Deps } from './change';
import { nextNumber } from './counter.entity';
import { cleanIntake, type GuidanceInput } from './dossier.input';
import { GuidanceSlip } from './guidance-slip.entity';
import { orThrow } from './permissions';
import { requireActor } from '../../common/roles';
import { receptionFacts } from './reception';

/** Phiếu hướng dẫn hoàn thiện hồ sơ (form 01): lists everything an incomplete dossier lacks; creates no dossier. */
export async function issueGuidance(deps: Deps, input: GuidanceInput): Promise<GuidanceSlip> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const { procedureCode, deskCode, applicant } = cleanIntake(problems, input);
  const submitted = cleanList(problems, 'documents', input.documents, { required: false });
  const requirements = cleanList(problems, 'requirements', input.requirements, { required: false });
  problems.throwIfAny();
  orThrow(deskPermission(actor, deskCode, 'issue guidance slips there'));

  const { desk, procedure, version } = await receptionFacts(deps, procedureCode, deskCode, deps.now);
  const { missing } = checkDocuments(version.documents, submitted);
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
      procedureName: version.name,
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

/** A desk reads its own guidance slips; supervisors read every desk's. */
export async function guidanceSlip(deps: Deps, id: string): Promise<GuidanceSlip | null> {
  const actor = requireActor(deps.actor);
  const slip = await deps.em.findOne(GuidanceSlip, { id });
  if (slip && slip.deskCode !== actor.agency && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${slip.deskCode} and supervisors read its guidance slips.`);
  }
  return slip;
}

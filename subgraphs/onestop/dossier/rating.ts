import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError, NotFoundError } from '../../common/errors';
import { optionalText, Problems, text } from '../../common/validation';
import { ServiceRating } from '../reporting/service-rating.entity';
import { ratingRefusal } from '../rulebook/rating';
import type { Deps } from './change';
import { Dossier } from './dossier.entity';
import { normalizePhone } from './dossier.input';
import { orThrow } from './permissions';

/**
 * The applicant rates the service, without a token: the dossier's code and the phone given at receipt
 * identify them, as for tracking; a wrong phone and a wrong code look the same (NOT_FOUND).
 */
export async function rateService(deps: Pick<Deps, 'em' | 'now'>, code: string, phone: string, rating: number, comment: string | null | undefined): Promise<boolean> {
  const problems = new Problems();
  const cleanComment = optionalText(problems, 'comment', comment, 1000);
  problems.throwIfAny();
  const dossier = await deps.em.findOne(Dossier, { code: text(code ?? '') });
  const given = normalizePhone(phone ?? '');
  if (!dossier || !given || dossier.applicant.phone !== given) throw new NotFoundError('Dossier', text(code ?? ''));
  const rated = (await deps.em.count(ServiceRating, { dossierCode: dossier.code })) > 0;
  orThrow(ratingRefusal(dossier, rated, rating, cleanComment));
  try {
    await deps.em.insert(ServiceRating, new ServiceRating({ dossierCode: dossier.code, deskCode: dossier.returnDeskCode, rating, comment: cleanComment, ratedAt: deps.now }));
  } catch (error) {
    // Two ratings at once: the first stands.
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Dossier ${dossier.code} was rated already; a dossier is rated once.`, { status: dossier.status });
    throw error;
  }
  return true;
}

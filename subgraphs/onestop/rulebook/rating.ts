import { badField, refuse, type Refusal } from './refusal';
import { DossierStatus } from './statuses';

/**
 * Đánh giá mức độ hài lòng: once the result is returned, the applicant rates the service once, from 1 (not
 * satisfied) to 5 (very satisfied), with a comment if they wish. Pure: whether it was rated before is a fact.
 */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const COMMENT_MAX = 1000;
/** A rating of 4 or 5 counts as satisfied in the dashboard's figures. */
export const SATISFIED_FROM = 4;

export function ratingRefusal(
  dossier: { code: string; status: DossierStatus },
  rated: boolean,
  rating: number,
  comment: string | null,
): Refusal | null {
  if (!Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) {
    return badField('rating', `must be a whole number from ${RATING_MIN} to ${RATING_MAX}`, `rating: from ${RATING_MIN} to ${RATING_MAX}.`);
  }
  if (comment && comment.length > COMMENT_MAX) return badField('comment', `must be at most ${COMMENT_MAX} characters`, `comment: at most ${COMMENT_MAX} characters.`);
  if (dossier.status !== DossierStatus.RETURNED) {
    return refuse('CONFLICT', `Dossier ${dossier.code} is ${dossier.status}: the service is rated once its result is returned.`, { status: dossier.status });
  }
  if (rated) return refuse('CONFLICT', `Dossier ${dossier.code} was rated already; a dossier is rated once.`, { status: dossier.status });
  return null;
}

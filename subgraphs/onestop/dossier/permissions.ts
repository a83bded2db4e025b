import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../common/auth';
import { BadUserInputError, ConflictError, ForbiddenError, type HubError } from '../../common/errors';
import { isRefusal, type Refusal } from '../rulebook/refusal';
import { DossierAccess } from './dossier-access.entity';

/**
 * The reading side of "who may": the rules of acting live in the rulebook (`rulebook/workflow.ts`); who
 * reads which dossier needs the access index, which is here.
 */

/** A SUPERVISOR reads every dossier; an agency reads those it holds, has held or has been handed. */
export async function mayRead(em: EntityManager, actor: Identity, dossierCode: string): Promise<boolean> {
  if (actor.roles.includes('SUPERVISOR')) return true;
  return (await em.count(DossierAccess, { agencyCode: actor.agency, dossierCode })) > 0;
}

export async function assertMayRead(em: EntityManager, actor: Identity, dossierCode: string): Promise<void> {
  if (!(await mayRead(em, actor, dossierCode))) throw new ForbiddenError(`${actor.agency} has no part in dossier ${dossierCode}.`);
}

/** The coded error a refusal of the rules answers with. */
export function refusalError(refusal: Refusal): HubError {
  switch (refusal.refused) {
    case 'FORBIDDEN':
      return new ForbiddenError(refusal.message);
    case 'CONFLICT':
      return new ConflictError(refusal.message, { ...refusal.extensions });
    case 'BAD_USER_INPUT':
      return new BadUserInputError(refusal.message, { ...refusal.extensions });
  }
}

/** The value, or the refusal thrown as its coded error. */
export function orThrow<T>(decided: T | Refusal): T {
  if (isRefusal(decided)) throw refusalError(decided);
  return decided;
}

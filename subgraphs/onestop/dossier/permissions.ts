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
  if (!(await mayRead(em, actor, dossierCode))) throw noPart(actor, dossierCode);
}

/**
 * The same rule on a dossier read together with the caller's part in it (`readable`: a row of the access
 * index): the dossier, null when there is none, FORBIDDEN when the caller may not read it.
 */
export function readableBy<D>(actor: Identity, found: { dossier: D; readable: boolean } | null | undefined, dossierCode: string): D | null {
  if (!found) return null;
  if (!found.readable && !actor.roles.includes('SUPERVISOR')) throw noPart(actor, dossierCode);
  return found.dossier;
}

const noPart = (actor: Identity, dossierCode: string) => new ForbiddenError(`${actor.agency} has no part in dossier ${dossierCode}.`);

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

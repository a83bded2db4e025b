import type { Identity } from './auth';
import { ForbiddenError, NotFoundError } from './errors';
import type { GraphClient } from './graph-client';

/** What an agency working on a dossier owned by onestop checks first: its status and whose hands it is in. */
export interface HeldDossier {
  status: string;
  holder: { code: string } | null;
  /** The agency it has been handed to, until that agency accepts it. */
  addressee: { code: string } | null;
}

export interface HolderCheck<Extra extends object> {
  /** Further fields of Dossier the caller needs, as a selection: `procedure { code }`. */
  fields?: string;
  /** FORBIDDEN's message when the caller's agency does not hold the dossier. */
  refusal: string;
  /** A check that comes before the holder's (a dossier of another procedure is bad input, whoever holds it). */
  before?: (dossier: HeldDossier & Extra) => void;
}

/**
 * The dossier `code`, when the caller's agency holds it and has not handed it on: only the holder works on
 * it. Read through the graph as the caller, so onestop applies its own rules of who may read it; NOT_FOUND
 * when there is no such dossier, FORBIDDEN with `check.refusal` when another agency holds it or it is on its
 * way to one.
 */
export async function requireHeldDossier<Extra extends object = object>(
  graph: GraphClient,
  actor: Identity,
  code: string,
  check: HolderCheck<Extra>,
): Promise<HeldDossier & Extra> {
  const { dossier } = await graph.query<{ dossier: (HeldDossier & Extra) | null }>(
    `query ($code: ID!) { dossier(code: $code) { status holder { code } addressee { code } ${check.fields ?? ''} } }`,
    { code },
    { as: actor },
  );
  if (!dossier) throw new NotFoundError('Dossier', code);
  check.before?.(dossier);
  if (dossier.holder?.code !== actor.agency || dossier.addressee) throw new ForbiddenError(check.refusal);
  return dossier;
}

import type { Context } from '../../common/context';
import type { ReferenceResolvers } from '../../common/federation';
import { Dossier } from './dossier.entity';
import { requireActor } from '../../common/roles';
import { DossierAccess } from './dossier-access.entity';
import { ForbiddenError } from '../../common/errors';

/**
 * Dossier references from other subgraphs (tax notices, land registrations, birth registrations): every
 * reference of one gateway batch loads with one query for the dossiers and one for the caller's access.
 */
export const dossierReferences: ReferenceResolvers = {
  Dossier: {
    async __resolveReference(reference: { code: string }, ctx: Context): Promise<Dossier | null> {
      const actor = requireActor(ctx.actor);
      const dossier = await ctx.loaders.one<string, Dossier>('onestop.dossier', (codes) => ctx.em.find(Dossier, { code: { $in: [...codes] } }), (d) => d.code).load(reference.code);
      if (!dossier || actor.roles.includes('SUPERVISOR')) return dossier;
      const readable = await ctx.loaders
        .one<string, DossierAccess>('onestop.access', (codes) => ctx.em.find(DossierAccess, { agencyCode: actor.agency, dossierCode: { $in: [...codes] } }), (a) => a.dossierCode)
        .load(reference.code);
      if (!readable) throw new ForbiddenError(`${actor.agency} has no part in dossier ${reference.code}.`);
      return dossier;
    },
  },
};

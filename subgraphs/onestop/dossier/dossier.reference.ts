import type { Context } from '../../common/context';
import type { ReferenceResolvers } from '../../common/federation';
import { readableBy } from './permissions';
import { requireActor } from '../../common/roles';
import type { Dossier } from './dossier.entity';
import { dossiersWithAccess } from './queries';

/**
 * Dossier references from other subgraphs (tax notices, land registrations, birth registrations): every
 * reference of one gateway batch loads with one statement for the dossiers and the caller's part in them.
 */
export const dossierReferences: ReferenceResolvers = {
  Dossier: {
    async __resolveReference(reference: { code: string }, ctx: Context): Promise<Dossier | null> {
      const actor = requireActor(ctx.actor);
      const found = await ctx.loaders
        .one<string, { dossier: Dossier; readable: boolean }>('onestop.dossier', (codes) => dossiersWithAccess(ctx, codes, actor.agency), (d) => d.dossier.code)
        .load(reference.code);
      return readableBy(actor, found, reference.code);
    },
  },
};

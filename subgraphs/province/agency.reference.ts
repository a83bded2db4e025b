import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import type { AdministrativeUnitRef } from '../common/stubs';
import { Agency } from './agency.entity';

/** One query for every agency a request asks for by code. */
export function agencyLoader(ctx: Context) {
  return ctx.loaders.one<string, Agency>(
    'province.agency',
    (codes) => ctx.em.find(Agency, { code: { $in: [...codes] } }),
    (agency) => agency.code,
  );
}

interface AgencyRepresentation {
  code: string;
  landServiceArea?: AdministrativeUnitRef[];
  taxServiceArea?: AdministrativeUnitRef[];
}

export const agencyReferences: ReferenceResolvers = {
  Agency: {
    async __resolveReference(reference: AgencyRepresentation, ctx: Context) {
      const agency = await agencyLoader(ctx).load(reference.code);
      if (!agency) return null;
      // Fields another subgraph supplied for @requires travel with the representation.
      agency.landServiceArea = reference.landServiceArea;
      agency.taxServiceArea = reference.taxServiceArea;
      return agency;
    },
  },
};

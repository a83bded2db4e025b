import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { AdministrativeUnit } from './administrative-unit.entity';

/** One query for every administrative unit a request asks for by code. */
export function unitLoader(ctx: Context) {
  return ctx.loaders.one<string, AdministrativeUnit>(
    'local.unit',
    (codes) => ctx.em.find(AdministrativeUnit, { code: { $in: [...codes] } }),
    (unit) => unit.code,
  );
}

export const unitReferences: ReferenceResolvers = {
  AdministrativeUnit: {
    __resolveReference: (reference: { code: string }, ctx: Context) => unitLoader(ctx).load(reference.code),
  },
};

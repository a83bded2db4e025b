import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { Procedure } from './procedure.entity';

/** One query for every procedure a request asks for by code. */
export function procedureLoader(ctx: Context) {
  return ctx.loaders.one<string, Procedure>(
    'province.procedure',
    (codes) => ctx.em.find(Procedure, { code: { $in: [...codes] } }),
    (procedure) => procedure.code,
  );
}

export const procedureReferences: ReferenceResolvers = {
  Procedure: { __resolveReference: (reference: { code: string }, ctx: Context) => procedureLoader(ctx).load(reference.code) },
};

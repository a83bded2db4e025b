import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { asOf } from '../common/timeline';
import { ProcedureVersion } from './procedure-version.entity';
import { Procedure } from './procedure.entity';

/** One query for every procedure a request asks for by code. */
export function procedureLoader(ctx: Context) {
  return ctx.loaders.one<string, Procedure>(
    'province.procedure',
    (codes) => ctx.em.find(Procedure, { code: { $in: [...codes] } }),
    (procedure) => procedure.code,
  );
}

/** One query for the versions of every procedure a request reads, in the order they take effect. */
export function versionsLoader(ctx: Context) {
  return ctx.loaders.many<string, ProcedureVersion>(
    'province.procedure-versions',
    (codes) => ctx.em.find(ProcedureVersion, { procedure: { $in: [...codes] } }, { orderBy: { procedure: 'asc', version: 'asc' } }),
    (version) => version.procedure.code,
  );
}

/** The version in force at the request's time (the first, before any took effect). */
export async function currentVersion(ctx: Context, code: string): Promise<ProcedureVersion> {
  const version = asOf(await versionsLoader(ctx).load(code), ctx.now, (v) => v.effectiveFrom);
  if (!version) throw new Error(`Procedure ${code} has no version.`);
  return version;
}

export const procedureReferences: ReferenceResolvers = {
  Procedure: { __resolveReference: (reference: { code: string }, ctx: Context) => procedureLoader(ctx).load(reference.code) },
};

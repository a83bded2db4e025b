import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { asOf } from '../common/timeline';
import type { ProcedureVersion } from './procedure-version.entity';
import type { Procedure } from './procedure.entity';
import { registers } from './register-memory';

/** Every procedure a request asks for by code, from the registers kept in memory (register-memory.ts). */
export function procedureLoader(ctx: Context) {
  return ctx.loaders.one<string, Procedure>(
    'province.procedure',
    async (codes) => {
      const { procedures } = await registers(ctx);
      return codes.flatMap((code) => procedures.get(code) ?? []);
    },
    (procedure) => procedure.code,
  );
}

/** The versions of every procedure a request reads, in the order they take effect, from memory. */
export function versionsLoader(ctx: Context) {
  return ctx.loaders.many<string, ProcedureVersion>(
    'province.procedure-versions',
    async (codes) => {
      const { versions } = await registers(ctx);
      return codes.flatMap((code) => versions.get(code) ?? []);
    },
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

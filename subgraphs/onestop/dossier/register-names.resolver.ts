import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import type { GraphClient } from '../../common/graph-client';
import { agencyAt, versionAt } from '../rulebook/directory';
import { Agency } from './agency.reference';
import { agencyDirectory, procedureOf } from './directory';
import { Procedure } from './procedure.reference';

/**
 * The names of the agencies and procedures a dossier points at, as the province's registers give them at the
 * request's time, from onestop's copy of the registers (kept until the province's feed shows a change): the
 * fields onestop `@provides`, so that the gateway need not ask the province for them. The same names as the
 * province answers, from the same history; not the names at receipt (those are `deskName`, `procedureName`).
 */

/** On a field whose Agency or Procedure onestop gives the name of (below), so the gateway need not ask the province. */
export const PROVIDES_NAME = '@provides(fields: "name")';

/**
 * `find` in the copy; a copy older than what it is asked for (an agency a decision created since) is read
 * again once, and what the registers do not hold either is NOT_FOUND.
 */
async function fromCopy<T>(graph: GraphClient, key: string, find: () => Promise<T | null | undefined>, what: string, code: string): Promise<T> {
  const kept = await find();
  if (kept) return kept;
  graph.forget(key);
  const read = await find();
  if (!read) throw new NotFoundError(what, code);
  return read;
}

@Resolver(() => Agency)
export class AgencyNameResolver {
  @FieldResolver(() => String, { description: 'Its name now.' })
  async name(@Root() agency: Agency, @Ctx() ctx: Context): Promise<string> {
    const known = await fromCopy(ctx.graph, 'directory.agencies', async () => (await agencyDirectory(ctx.graph)).get(agency.code), 'Agency', agency.code);
    return agencyAt(known, ctx.now).name;
  }
}

@Resolver(() => Procedure)
export class ProcedureNameResolver {
  @FieldResolver(() => String, { description: 'The procedure’s name in the version in force today.' })
  async name(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string> {
    const known = await fromCopy(ctx.graph, `directory.procedure.${procedure.code}`, () => procedureOf(ctx.graph, procedure.code), 'Procedure', procedure.code);
    return versionAt(known, ctx.now).name;
  }
}

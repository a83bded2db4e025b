import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
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

@Resolver(() => Agency)
export class AgencyNameResolver {
  @FieldResolver(() => String, { description: 'Its name now.' })
  async name(@Root() agency: Agency, @Ctx() ctx: Context): Promise<string> {
    const known = (await agencyDirectory(ctx.graph)).get(agency.code);
    if (!known) throw new Error(`Agency ${agency.code} is not in the directory.`);
    return agencyAt(known, ctx.now).name;
  }
}

@Resolver(() => Procedure)
export class ProcedureNameResolver {
  @FieldResolver(() => String, { description: 'The procedure’s name in the version in force today.' })
  async name(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string> {
    const known = await procedureOf(ctx.graph, procedure.code);
    if (!known) throw new Error(`Procedure ${procedure.code} is not in the catalogue.`);
    return versionAt(known, ctx.now).name;
  }
}

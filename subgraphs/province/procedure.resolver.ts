import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { Agency } from './agency.entity';
import { agencyLoader } from './agency.reference';
import { transferCompetence } from './directory.service';
import { Procedure, RouteLeg } from './procedure.entity';

function procedureLoader(ctx: Context) {
  return ctx.loaders.one<string, Procedure>(
    'province.procedure',
    (codes) => ctx.em.find(Procedure, { code: { $in: [...codes] } }),
    (procedure) => procedure.code,
  );
}

export const procedureReferences: ReferenceResolvers = {
  Procedure: { __resolveReference: (reference: { code: string }, ctx: Context) => procedureLoader(ctx).load(reference.code) },
};

@Resolver(() => Procedure)
export class ProcedureResolver {
  @Query(() => Procedure, { nullable: true })
  procedure(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Procedure | null> {
    return procedureLoader(ctx).load(code);
  }

  @Mutation(() => Procedure, {
    description: 'A procedure’s competence moves to another agency, with its dossiers in flight. For a SUPERVISOR of the Department of Home Affairs.',
  })
  transferCompetence(
    @Arg('procedure', () => ID) procedure: string,
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('effectiveAt', () => Date) effectiveAt: Date,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Procedure> {
    return transferCompetence(ctx, { procedure, from, to, effectiveAt, reason });
  }

  @Query(() => [Procedure], { description: 'The published catalogue, by code; `field` narrows it to one lĩnh vực.' })
  procedures(@Ctx() ctx: Context, @Arg('field', () => String, { nullable: true }) field?: string | null): Promise<Procedure[]> {
    return ctx.em.find(Procedure, field ? { field } : {}, { orderBy: { code: 'asc' } });
  }
}

@Resolver(() => RouteLeg)
export class RouteLegResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency, when the leg names one rather than a selector.' })
  agency(@Root() leg: RouteLeg, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return leg.agencySelector.startsWith('@') ? null : agencyLoader(ctx).load(leg.agencySelector);
  }
}

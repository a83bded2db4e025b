import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { transferCompetence } from './directory.service';
import { Procedure } from './procedure.entity';
import { procedureLoader } from './procedure.reference';

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

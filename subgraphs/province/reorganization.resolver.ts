import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';
import { agencyLoader } from './agency.reference';
import { Reorganization } from './reorganization.entity';
import { ReorganizationInput } from './reorganization.input';
import { reorganize } from './reorganization.service';

@Resolver(() => Reorganization)
export class ReorganizationResolver {
  @Mutation(() => Reorganization, {
    description: 'Sắp xếp: one dated decision over many agencies, units, competences and the registrar, applied whole or not at all. For a SUPERVISOR of the registrar.',
  })
  reorganize(@Arg('input', () => ReorganizationInput, { description: 'The decision: its date, reason, source and every part.' }) input: ReorganizationInput, @Ctx() ctx: Context): Promise<Reorganization> {
    return reorganize(ctx, input);
  }

  @Query(() => [Reorganization], { description: 'Every reorganisation entered, in the order they take effect; anyone may read them.' })
  reorganizations(@Ctx() ctx: Context): Promise<Reorganization[]> {
    return ctx.em.find(Reorganization, {}, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } });
  }

  @Query(() => Reorganization, { nullable: true, description: 'A reorganisation by its identifier.' })
  reorganization(@Arg('id', () => ID, { description: 'The decision’s identifier in the hub.' }) id: string, @Ctx() ctx: Context): Promise<Reorganization | null> {
    return ctx.em.findOne(Reorganization, { id });
  }

  @FieldResolver(() => [AgencyChange], { description: 'The agency changes it made, in order.' })
  changes(@Root() reorganization: Reorganization, @Ctx() ctx: Context): Promise<AgencyChange[]> {
    return ctx.em.find(AgencyChange, { decision: reorganization.id }, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that keeps the registers from then on, when the decision named one.' })
  registrar(@Root() reorganization: Reorganization, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return reorganization.parts.registrar ? agencyLoader(ctx).load(reorganization.parts.registrar) : null;
  }

  @FieldResolver(() => [ID], { description: 'Administrative units it set up (applied by the local subgraph).' })
  unitsCreated(@Root() reorganization: Reorganization): string[] {
    return reorganization.parts.units.create.map((unit) => unit.code);
  }

  @FieldResolver(() => [ID], { description: 'Administrative units it ended, merged into others or abolished.' })
  unitsMerged(@Root() reorganization: Reorganization): string[] {
    return [...reorganization.parts.units.merge.flatMap((merger) => merger.units), ...(reorganization.parts.units.end ?? [])];
  }
}

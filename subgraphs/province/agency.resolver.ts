import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AdministrativeUnitRef } from '../common/stubs';
import { Agency, AgencyTier, Sector } from './agency.entity';
import { agencyLoader } from './agency.reference';
import { closeAgency } from './directory.service';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { nullable: true, description: 'An agency by code, open or closed.' })
  agency(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Agency | null> {
    return agencyLoader(ctx).load(code);
  }

  @Query(() => [Agency], { description: 'The directory, by code; filters narrow it.' })
  agencies(
    @Ctx() ctx: Context,
    @Arg('tier', () => AgencyTier, { nullable: true }) tier?: AgencyTier | null,
    @Arg('sector', () => Sector, { nullable: true }) sector?: Sector | null,
  ): Promise<Agency[]> {
    const where: FilterQuery<Agency> = {};
    if (tier) where.tier = tier;
    if (sector) where.sector = sector;
    return ctx.em.find(Agency, where, { orderBy: { code: 'asc' } });
  }

  @Mutation(() => Agency, {
    description: 'An agency closes: its dossiers go to its successor. For a SUPERVISOR of the Department of Home Affairs.',
  })
  closeAgency(
    @Arg('code', () => ID) code: string,
    @Arg('successor', () => ID) successor: string,
    @Arg('effectiveAt', () => Date) effectiveAt: Date,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Agency> {
    return closeAgency(ctx, { code, successor, effectiveAt, reason });
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency it belongs to.' })
  parent(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return agency.parent ? agencyLoader(ctx).load(agency.parent.code) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'Who took over its work when it closed.' })
  successor(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return agency.successor ? agencyLoader(ctx).load(agency.successor.code) : null;
  }

  /** A branch's service area is kept by the subgraph of its sector; this field joins them. */
  @Directive('@requires(fields: "landServiceArea { code } taxServiceArea { code }")')
  @FieldResolver(() => [AdministrativeUnitRef], {
    description: 'The administrative units whose dossiers this branch handles (tax and land branches).',
  })
  serviceArea(@Root() agency: Agency): AdministrativeUnitRef[] {
    const units = [...(agency.landServiceArea ?? []), ...(agency.taxServiceArea ?? [])];
    return [...new Map(units.map((unit) => [unit.code, new AdministrativeUnitRef(unit.code)])).values()];
  }
}

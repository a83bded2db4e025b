import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AgencyRef } from '../common/stubs';
import { AdministrativeUnit, UnitLevel } from './administrative-unit.entity';
import { unitLoader } from './administrative-unit.reference';

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  @Query(() => AdministrativeUnit, { nullable: true })
  administrativeUnit(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> {
    return unitLoader(ctx).load(code);
  }

  @Query(() => [AdministrativeUnit], { description: 'Units by code; `parent` gives a district’s communes, `level` one level.' })
  administrativeUnits(
    @Ctx() ctx: Context,
    @Arg('parent', () => ID, { nullable: true }) parent?: string | null,
    @Arg('level', () => UnitLevel, { nullable: true }) level?: UnitLevel | null,
  ): Promise<AdministrativeUnit[]> {
    const where: FilterQuery<AdministrativeUnit> = {};
    if (parent) where.parent = parent;
    if (level) where.level = level;
    return ctx.em.find(AdministrativeUnit, where, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true })
  parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> | null {
    return unit.parent ? unitLoader(ctx).load(unit.parent.code) : null;
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit that took over when this one ended.' })
  successor(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> | null {
    return unit.successor ? unitLoader(ctx).load(unit.successor.code) : null;
  }

  @FieldResolver(() => AgencyRef, { description: 'Its People’s Committee (UBND).' })
  committee(@Root() unit: AdministrativeUnit): AgencyRef {
    return new AgencyRef(unit.committeeCode);
  }
}

import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AgencyRef } from '../common/stubs';
import { inForceAt } from '../common/timeline';
import { AdministrativeUnit, UnitLevel } from './administrative-unit.entity';
import { unitLoader } from './administrative-unit.reference';
import { UnitName } from './unit-name.entity';

const renamesLoader = (ctx: Context) =>
  ctx.loaders.many<string, UnitName>(
    'local.unit-names',
    (codes) => ctx.em.find(UnitName, { unit: { $in: [...codes] } }, { orderBy: { effectiveAt: 'asc', id: 'asc' } }),
    (name) => name.unit.code,
  );

const predecessorsLoader = (ctx: Context) =>
  ctx.loaders.many<string, AdministrativeUnit>(
    'local.unit-predecessors',
    (codes) => ctx.em.find(AdministrativeUnit, { successor: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
    (unit) => unit.successor!.code,
  );

async function nameAt(ctx: Context, unit: AdministrativeUnit, at: Date): Promise<string> {
  return inForceAt(await renamesLoader(ctx).load(unit.code), at)?.name ?? unit.name;
}

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  @Query(() => AdministrativeUnit, { nullable: true, description: 'A unit by code, existing or ended.' })
  administrativeUnit(@Arg('code', () => ID, { description: 'The unit’s code.' }) code: string, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> {
    return unitLoader(ctx).load(code);
  }

  @Query(() => [AdministrativeUnit], { description: 'Units by code; `parent` gives a district’s communes, `level` one level.' })
  administrativeUnits(
    @Ctx() ctx: Context,
    @Arg('parent', () => ID, { nullable: true, description: 'Only the units directly under this one.' }) parent?: string | null,
    @Arg('level', () => UnitLevel, { nullable: true, description: 'Only units of this level.' }) level?: UnitLevel | null,
  ): Promise<AdministrativeUnit[]> {
    const where: FilterQuery<AdministrativeUnit> = {};
    if (parent) where.parent = parent;
    if (level) where.level = level;
    return ctx.em.find(AdministrativeUnit, where, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => String, { description: 'As written in documents now, e.g. “huyện Yên Thế”, “xã Yên Thế”.' })
  name(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<string> {
    return nameAt(ctx, unit, ctx.now);
  }

  @FieldResolver(() => String, { description: 'Its name as it was at an instant.', name: 'nameAt' })
  nameAtInstant(@Root() unit: AdministrativeUnit, @Arg('at', () => Date, { description: 'The instant.' }) at: Date, @Ctx() ctx: Context): Promise<string> {
    return nameAt(ctx, unit, at);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit above this one; null for the province.' })
  parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> | null {
    return unit.parent ? unitLoader(ctx).load(unit.parent.code) : null;
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit it merged into when it ended.' })
  successor(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> | null {
    return unit.successor ? unitLoader(ctx).load(unit.successor.code) : null;
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'The units merged into it.' })
  predecessors(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    return predecessorsLoader(ctx).load(unit.code);
  }

  @FieldResolver(() => AgencyRef, { description: 'Its People’s Committee (UBND).' })
  committee(@Root() unit: AdministrativeUnit): AgencyRef {
    return new AgencyRef(unit.committeeCode);
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../dossier/agency.reference';
import { AgencyPerformance } from './agency-performance.types';
import { ledger } from './ledger';
import { LedgerRow } from './ledger-row.types';
import { performance } from './performance';

/** The desk's ledger and the dashboard's performance figures. */
@Resolver(() => AgencyPerformance)
export class ReportingResolver {
  @Query(() => [LedgerRow], { description: 'Sổ theo dõi hồ sơ of a desk, field and year, in ledger order.' })
  ledger(
    @Arg('desk', () => ID) desk: string,
    @Arg('field', () => String) field: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<LedgerRow[]> {
    return ledger(ctx, desk, field, year);
  }

  @Query(() => [AgencyPerformance], { description: 'Chỉ tiêu giải quyết hồ sơ per desk over a period, the province’s totals last.' })
  performance(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { nullable: true }) agency?: string | null,
  ): Promise<AgencyPerformance[]> {
    return performance(ctx, from, to, agency);
  }

  @FieldResolver(() => Agency)
  agency(@Root() row: AgencyPerformance): Agency {
    return new Agency(row.agencyCode);
  }
}


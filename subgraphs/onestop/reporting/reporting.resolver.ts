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
    @Arg('desk', () => ID, { description: 'Code of the desk’s agency whose book it is.' }) desk: string,
    @Arg('field', () => String, { description: 'The field (lĩnh vực) of the book, e.g. Đất đai.' }) field: string,
    @Arg('year', () => Int, { description: 'The book’s year.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<LedgerRow[]> {
    return ledger(ctx, desk, field, year);
  }

  @Query(() => [AgencyPerformance], { description: 'Chỉ tiêu giải quyết hồ sơ per desk over a period, the province’s totals last.' })
  performance(
    @Arg('from', () => DateScalar, { description: 'The first day of the period (local date).' }) from: string,
    @Arg('to', () => DateScalar, { description: 'The last day of the period (local date), included.' }) to: string,
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { nullable: true, description: 'Only this agency (default: every agency with dossiers in the period).' }) agency?: string | null,
  ): Promise<AgencyPerformance[]> {
    return performance(ctx, from, to, agency);
  }

  @FieldResolver(() => Agency, { description: 'The agency the figures are for.' })
  agency(@Root() row: AgencyPerformance): Agency {
    return new Agency(row.agencyCode);
  }
}


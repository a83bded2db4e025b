import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Outcome } from './dossier.enums';
import { Dossier } from './dossier.entity';
import { DossierFilter, ReceiveDossierInput } from './dossier.input';
import { DossierConnection, DossierTracking } from './dossier.types';
import * as processing from './processing';
import * as queries from './queries';
import { receiveDossier } from './reception';

/** The dossier's queries and mutations: each calls one service function. */
@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => Dossier, { nullable: true, description: 'A dossier the caller’s agency has a part in (supervisors: any).' })
  dossier(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Dossier | null> {
    return queries.findDossier(ctx, code);
  }

  @Query(() => DossierConnection, { description: 'The dossiers the caller may read, newest first.' })
  dossiers(
    @Ctx() ctx: Context,
    @Arg('filter', () => DossierFilter, { nullable: true }) filter?: DossierFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DossierConnection> {
    return queries.listDossiers(ctx, filter, first, after);
  }

  @Query(() => DossierTracking, { nullable: true, description: 'Tra cứu hồ sơ, for citizens: by the code and the phone given at receipt.' })
  async trackDossier(@Arg('code', () => ID) code: string, @Arg('phone', () => String) phone: string, @Ctx() ctx: Context): Promise<DossierTracking | null> {
    const dossier = await queries.trackDossier(ctx, code, phone);
    return dossier ? new DossierTracking(dossier) : null;
  }

  @Mutation(() => Dossier, { description: 'Tiếp nhận: a complete dossier gets its code, receipt, ledger entry and planned legs.' })
  receiveDossier(@Arg('input', () => ReceiveDossierInput) input: ReceiveDossierInput, @Ctx() ctx: Context): Promise<Dossier> {
    return receiveDossier(ctx, input);
  }

  @Mutation(() => Dossier, { description: 'Giao: the holder hands the dossier over; off the route, with a note.' })
  handOverDossier(
    @Arg('code', () => ID) code: string,
    @Arg('to', () => ID) to: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Dossier> {
    return processing.handOverDossier(ctx, code, to, note);
  }

  @Mutation(() => Dossier, { description: 'Nhận: the addressed agency accepts, and the finished leg is classified.' })
  acceptDossier(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.acceptDossier(ctx, code);
  }

  @Mutation(() => Dossier, { description: 'Yêu cầu bổ sung, once; the clock stops until the applicant supplements.' })
  requestSupplement(@Arg('code', () => ID) code: string, @Arg('items', () => [String]) items: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return processing.requestSupplement(ctx, code, items);
  }

  @Mutation(() => Dossier, { description: 'Bổ sung hồ sơ at the desk; the processing time restarts.' })
  supplementDossier(@Arg('code', () => ID) code: string, @Arg('documents', () => [String]) documents: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return processing.supplementDossier(ctx, code, documents);
  }

  @Mutation(() => Dossier, { description: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả, once.' })
  apologizeForDelay(
    @Arg('code', () => ID) code: string,
    @Arg('reason', () => String) reason: string,
    @Arg('newDueAt', () => Date) newDueAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return processing.apologizeForDelay(ctx, code, reason, newDueAt);
  }

  @Mutation(() => Dossier, { description: 'The result: APPROVED by the last agency, or DENIED with reasons; it goes back to the desk.' })
  recordResult(
    @Arg('code', () => ID) code: string,
    @Arg('outcome', () => Outcome) outcome: Outcome,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Dossier> {
    return processing.recordResult(ctx, code, outcome, note);
  }

  @Mutation(() => Dossier, { description: 'Trả kết quả: the desk returns the result, recording who received it.' })
  returnResult(@Arg('code', () => ID) code: string, @Arg('receivedBy', () => String) receivedBy: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.returnResult(ctx, code, receivedBy);
  }

  @Mutation(() => Dossier, { description: 'Rút hồ sơ: the applicant withdraws a dossier before its result.' })
  withdrawDossier(@Arg('code', () => ID) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.withdrawDossier(ctx, code, reason);
  }
}

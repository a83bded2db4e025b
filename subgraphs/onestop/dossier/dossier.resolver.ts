import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Outcome, ReturnChannel } from './dossier.enums';
import { Dossier } from './dossier.entity';
import { DossierFilter, ReceiveDossierInput, SubmitDossierInput } from './dossier.input';
import { DossierConnection, DossierTracking } from './dossier.types';
import * as processing from './processing';
import * as queries from './queries';
import { rateService } from './rating';
import { receiveDossier, submitDossier } from './reception';

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

  @Mutation(() => Dossier, {
    description: 'Nộp trực tuyến / qua bưu chính: the desk’s agency’s online service (SYSTEM) submits a dossier; SUBMITTED (1), with its code and no appointment until the desk receives it.',
  })
  submitDossier(@Arg('input', () => SubmitDossierInput) input: SubmitDossierInput, @Ctx() ctx: Context): Promise<Dossier> {
    return submitDossier(ctx, input);
  }

  @Mutation(() => Dossier, {
    description: 'Tiếp nhận: a complete dossier gets its code (or, `submitted`, keeps the one it was submitted with), receipt, ledger entry and planned legs.',
  })
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

  @Mutation(() => Dossier, { description: 'Yêu cầu bổ sung, once; the clock stops until the applicant supplements, by `dueAt` when given.' })
  requestSupplement(
    @Arg('code', () => ID) code: string,
    @Arg('items', () => [String]) items: string[],
    @Ctx() ctx: Context,
    @Arg('dueAt', () => Date, { nullable: true, description: 'Hạn bổ sung: the date by which the applicant must supplement.' }) dueAt?: Date | null,
  ): Promise<Dossier> {
    return processing.requestSupplement(ctx, code, items, dueAt);
  }

  @Mutation(() => Dossier, {
    description: 'Từ chối tiếp nhận: the desk refuses a submitted dossier, or one it just received and still holds; REFUSED (3), the slip at /forms/refusal/<code>.pdf.',
  })
  refuseDossier(@Arg('code', () => ID) code: string, @Arg('reasons', () => [String]) reasons: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return processing.refuseDossier(ctx, code, reasons);
  }

  @Mutation(() => Dossier, { description: 'Dừng xử lý: the holder stops the processing with its legal reason; STOPPED (8), the notice at /forms/stop/<code>.pdf.' })
  stopDossier(@Arg('code', () => ID) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.stopDossier(ctx, code, reason);
  }

  @Mutation(() => Boolean, { description: 'Đánh giá: the applicant rates the service once after the return, 1–5, by the code and the phone given at receipt.' })
  rateService(
    @Arg('code', () => ID) code: string,
    @Arg('phone', () => String) phone: string,
    @Arg('rating', () => Int) rating: number,
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<boolean> {
    return rateService(ctx, code, phone, rating, comment);
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

  @Mutation(() => Dossier, { description: 'Trả kết quả: the desk returns the result at the desk or sends it by post (with its tracking number), recording who received it.' })
  returnResult(
    @Arg('code', () => ID) code: string,
    @Arg('receivedBy', () => String) receivedBy: string,
    @Ctx() ctx: Context,
    @Arg('channel', () => ReturnChannel, { nullable: true, description: 'AT_DESK when not given.' }) channel?: ReturnChannel | null,
    @Arg('postalTrackingNumber', () => String, { nullable: true, description: 'Số hiệu bưu gửi, for a return by post.' }) postalTrackingNumber?: string | null,
  ): Promise<Dossier> {
    return processing.returnResult(ctx, code, receivedBy, channel, postalTrackingNumber);
  }

  @Mutation(() => Dossier, { description: 'Rút hồ sơ: the applicant withdraws a dossier before its result.' })
  withdrawDossier(@Arg('code', () => ID) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.withdrawDossier(ctx, code, reason);
  }
}

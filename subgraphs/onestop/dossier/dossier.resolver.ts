import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { asksFor } from '../../common/selection';
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
  dossier(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Dossier | null> {
    return queries.findDossier(ctx, code, asksFor(info, ['legs', 'leadAgencyName']));
  }

  @Query(() => DossierConnection, { description: 'The dossiers the caller may read, newest first.' })
  dossiers(
    @Ctx() ctx: Context,
    @Arg('filter', () => DossierFilter, { nullable: true, description: 'Which dossiers; every condition given must hold.' }) filter?: DossierFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many to return, 0–100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `cursor` of the last edge already read: the page after it.' }) after?: string | null,
  ): Promise<DossierConnection> {
    return queries.listDossiers(ctx, filter, first, after);
  }

  @Query(() => DossierTracking, { nullable: true, description: 'Tra cứu hồ sơ, for citizens: by the code and the phone given at receipt.' })
  async trackDossier(@Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string, @Arg('phone', () => String, { description: 'The applicant’s phone number given at receipt (spaces and dots ignored).' }) phone: string, @Ctx() ctx: Context): Promise<DossierTracking | null> {
    const dossier = await queries.trackDossier(ctx, code, phone);
    return dossier ? new DossierTracking(dossier) : null;
  }

  @Mutation(() => Dossier, {
    description: 'Nộp trực tuyến / qua bưu chính: the desk’s agency’s online service, or a public service portal the directory marks (`Agency.servicePortal`), as SYSTEM, submits a dossier; any other caller is FORBIDDEN; SUBMITTED (1), with its code and no appointment until the desk receives it.',
  })
  submitDossier(@Arg('input', () => SubmitDossierInput, { description: 'The procedure, the desk, the applicant, the documents and the channel.' }) input: SubmitDossierInput, @Ctx() ctx: Context): Promise<Dossier> {
    return submitDossier(ctx, input);
  }

  @Mutation(() => Dossier, {
    description: 'Tiếp nhận: a complete dossier gets its code (or, `submitted`, keeps the one it was submitted with), receipt, ledger entry and planned legs.',
  })
  receiveDossier(@Arg('input', () => ReceiveDossierInput, { description: 'The procedure, the desk, the applicant and the documents handed in; or the code of a submitted dossier.' }) input: ReceiveDossierInput, @Ctx() ctx: Context): Promise<Dossier> {
    return receiveDossier(ctx, input);
  }

  @Mutation(() => Dossier, { description: 'Giao: the holder hands the dossier over; off the route, with a note.' })
  handOverDossier(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('to', () => ID, { description: 'Code of the agency the dossier is handed to.' }) to: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true, description: 'Why, for a hand-over off the route (required then); printed on the control slip.' }) note?: string | null,
  ): Promise<Dossier> {
    return processing.handOverDossier(ctx, code, to, note);
  }

  @Mutation(() => Dossier, { description: 'Nhận: the addressed agency accepts, and the finished leg is classified.' })
  acceptDossier(@Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.acceptDossier(ctx, code);
  }

  @Mutation(() => Dossier, { description: 'Yêu cầu bổ sung, once; the clock stops until the applicant supplements, by `dueAt` when given.' })
  requestSupplement(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('items', () => [String], { description: 'Every item the applicant must add or correct, all at once.' }) items: string[],
    @Ctx() ctx: Context,
    @Arg('dueAt', () => Date, { nullable: true, description: 'Hạn bổ sung: the date by which the applicant must supplement.' }) dueAt?: Date | null,
  ): Promise<Dossier> {
    return processing.requestSupplement(ctx, code, items, dueAt);
  }

  @Mutation(() => Dossier, {
    description: 'Từ chối tiếp nhận: the desk refuses a submitted dossier, or one it just received and still holds; REFUSED (3), the slip at /forms/refusal/<code>.pdf.',
  })
  refuseDossier(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('reasons', () => [String], { description: 'Why the desk refuses it: not competent, not eligible, …' }) reasons: string[],
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return processing.refuseDossier(ctx, code, reasons);
  }

  @Mutation(() => Dossier, { description: 'Dừng xử lý: the holder stops the processing with its legal reason; STOPPED (8), the notice at /forms/stop/<code>.pdf.' })
  stopDossier(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('reason', () => String, { description: 'The legal reason: the applicant did not supplement in time, or asked to stop.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return processing.stopDossier(ctx, code, reason);
  }

  @Mutation(() => Boolean, { description: 'Đánh giá: the applicant rates the service once after the return, 1–5, by the code and the phone given at receipt.' })
  rateService(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('phone', () => String, { description: 'The phone number given at receipt.' }) phone: string,
    @Arg('rating', () => Int, { description: 'From 1 (not satisfied) to 5 (very satisfied).' }) rating: number,
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true, description: 'What the applicant wishes to say, at most 1000 characters.' }) comment?: string | null,
  ): Promise<boolean> {
    return rateService(ctx, code, phone, rating, comment);
  }

  @Mutation(() => Dossier, { description: 'Bổ sung hồ sơ at the desk; the processing time restarts.' })
  supplementDossier(@Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string, @Arg('documents', () => [String], { description: 'The documents the applicant brought to the desk.' }) documents: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return processing.supplementDossier(ctx, code, documents);
  }

  @Mutation(() => Dossier, { description: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả, once.' })
  apologizeForDelay(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('reason', () => String, { description: 'Why the result will be late (lý do), printed on the apology.' }) reason: string,
    @Arg('newDueAt', () => Date, { description: 'The new appointment, a later instant when offices are open.' }) newDueAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return processing.apologizeForDelay(ctx, code, reason, newDueAt);
  }

  @Mutation(() => Dossier, { description: 'The result: APPROVED by the last agency, or DENIED with reasons; it goes back to the desk.' })
  recordResult(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('outcome', () => Outcome, { description: 'APPROVED (at the last leg) or DENIED (at any leg, with reasons in the note).' }) outcome: Outcome,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true, description: 'What was decided; for a denial, the reasons.' }) note?: string | null,
  ): Promise<Dossier> {
    return processing.recordResult(ctx, code, outcome, note);
  }

  @Mutation(() => Dossier, { description: 'Trả kết quả: the desk returns the result at the desk or sends it by post (with its tracking number), recording who received it.' })
  returnResult(
    @Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string,
    @Arg('receivedBy', () => String, { description: 'Who received the result: the applicant, the person authorised, or the postal service.' }) receivedBy: string,
    @Ctx() ctx: Context,
    @Arg('channel', () => ReturnChannel, { nullable: true, description: 'AT_DESK when not given.' }) channel?: ReturnChannel | null,
    @Arg('postalTrackingNumber', () => String, { nullable: true, description: 'Số hiệu bưu gửi, for a return by post.' }) postalTrackingNumber?: string | null,
  ): Promise<Dossier> {
    return processing.returnResult(ctx, code, receivedBy, channel, postalTrackingNumber);
  }

  @Mutation(() => Dossier, { description: 'Rút hồ sơ: the applicant withdraws a dossier before its result.' })
  withdrawDossier(@Arg('code', () => ID, { description: 'The dossier’s code (mã hồ sơ), e.g. BG.YENTHE-261126-0001.' }) code: string, @Arg('reason', () => String, { description: 'The applicant’s reason for withdrawing.' }) reason: string, @Ctx() ctx: Context): Promise<Dossier> {
    return processing.withdrawDossier(ctx, code, reason);
  }
}

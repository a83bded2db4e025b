import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { vnCalendar } from '../common/calendar';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import type { ReferenceResolvers } from '../common/federation';
import { ProcedureRef } from '../common/stubs';
import { DateScalar } from '../common/scalars';
import { Agency } from './agency.resolver';
import { chainIntact, DossierEvent } from './dossier-event.entity';
import { Dossier, DossierLeg, Outcome, Transfer } from './dossier.entity';
import { DossierFilter, GuidanceInput, ReceiveDossierInput } from './dossier.input';
import * as service from './dossier.service';
import { Deadline, DossierConnection, DossierTracking } from './dossier.types';
import { GuidanceSlip } from './guidance-slip.entity';
import { Notice } from './notice.entity';
import { AgencyPerformance, LedgerRow } from './ledger.types';

const agencyOrNull = (code: string | null) => (code ? new Agency(code) : null);

function legsOf(ctx: Context, dossier: Dossier): Promise<DossierLeg[]> | DossierLeg[] {
  if (dossier.legs.isInitialized()) return dossier.legs.getItems();
  return ctx.loaders
    .many<string, DossierLeg>('onestop.legs', (codes) => ctx.em.find(DossierLeg, { dossier: { $in: [...codes] } }, { orderBy: { seq: 'asc' } }), (leg) => leg.dossier.code)
    .load(dossier.code);
}

function transfersOf(ctx: Context, dossier: Dossier): Promise<Transfer[]> | Transfer[] {
  if (dossier.transfers.isInitialized()) return dossier.transfers.getItems();
  return ctx.loaders
    .many<string, Transfer>('onestop.transfers', (codes) => ctx.em.find(Transfer, { dossier: { $in: [...codes] } }, { orderBy: { seq: 'asc' } }), (t) => t.dossier.code)
    .load(dossier.code);
}

function historyOf(ctx: Context, dossier: Dossier): Promise<DossierEvent[]> {
  return ctx.loaders
    .many<string, DossierEvent>('onestop.history', (codes) => ctx.em.find(DossierEvent, { dossier: { $in: [...codes] } }, { orderBy: { seq: 'asc' } }), (e) => e.dossier.code)
    .load(dossier.code);
}

function noticesOf(ctx: Context, dossier: Dossier): Promise<Notice[]> {
  return ctx.loaders
    .many<string, Notice>('onestop.notices', (codes) => ctx.em.find(Notice, { dossier: { $in: [...codes] } }, { orderBy: { id: 'asc' } }), (n) => n.dossier.code)
    .load(dossier.code);
}

export const dossierReferences: ReferenceResolvers = {
  Dossier: {
    __resolveReference: (reference: { code: string }, ctx: Context) => service.findDossier(ctx, reference.code),
  },
};

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => Dossier, { nullable: true, description: 'A dossier the caller’s agency has a part in (supervisors: any).' })
  dossier(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Dossier | null> {
    return service.findDossier(ctx, code);
  }

  @Query(() => DossierConnection, { description: 'The dossiers the caller may read, newest first.' })
  dossiers(
    @Ctx() ctx: Context,
    @Arg('filter', () => DossierFilter, { nullable: true }) filter?: DossierFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DossierConnection> {
    return service.listDossiers(ctx, filter, first, after);
  }

  @Query(() => DossierTracking, { nullable: true, description: 'Tra cứu hồ sơ, for citizens: by the code and the phone given at receipt.' })
  async trackDossier(@Arg('code', () => ID) code: string, @Arg('phone', () => String) phone: string, @Ctx() ctx: Context): Promise<DossierTracking | null> {
    const dossier = await service.trackDossier(ctx, code, phone);
    return dossier ? new DossierTracking(dossier) : null;
  }

  @Query(() => [LedgerRow], { description: 'Sổ theo dõi hồ sơ of a desk, field and year, in ledger order.' })
  ledger(
    @Arg('desk', () => ID) desk: string,
    @Arg('field', () => String) field: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<LedgerRow[]> {
    return service.ledger(ctx, desk, field, year);
  }

  @Query(() => [AgencyPerformance], { description: 'Chỉ tiêu giải quyết hồ sơ per desk over a period, the province’s totals last.' })
  performance(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { nullable: true }) agency?: string | null,
  ): Promise<AgencyPerformance[]> {
    return service.performance(ctx, from, to, agency);
  }

  @Query(() => GuidanceSlip, { nullable: true })
  guidanceSlip(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<GuidanceSlip | null> {
    return service.guidanceSlip(ctx, id);
  }

  @Mutation(() => GuidanceSlip, { description: 'Phiếu hướng dẫn hoàn thiện hồ sơ: lists what an incomplete dossier lacks.' })
  issueGuidance(@Arg('input', () => GuidanceInput) input: GuidanceInput, @Ctx() ctx: Context): Promise<GuidanceSlip> {
    return service.issueGuidance(ctx, input);
  }

  @Mutation(() => Dossier, { description: 'Tiếp nhận: a complete dossier gets its code, receipt, ledger entry and planned legs.' })
  receiveDossier(@Arg('input', () => ReceiveDossierInput) input: ReceiveDossierInput, @Ctx() ctx: Context): Promise<Dossier> {
    return service.receiveDossier(ctx, input);
  }

  @Mutation(() => Dossier, { description: 'Giao: the holder hands the dossier over; off the route, with a note.' })
  handOverDossier(
    @Arg('code', () => ID) code: string,
    @Arg('to', () => ID) to: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Dossier> {
    return service.handOverDossier(ctx, code, to, note);
  }

  @Mutation(() => Dossier, { description: 'Nhận: the addressed agency accepts, and the finished leg is classified.' })
  acceptDossier(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Dossier> {
    return service.acceptDossier(ctx, code);
  }

  @Mutation(() => Dossier, { description: 'Yêu cầu bổ sung, once; the clock stops until the applicant supplements.' })
  requestSupplement(@Arg('code', () => ID) code: string, @Arg('items', () => [String]) items: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return service.requestSupplement(ctx, code, items);
  }

  @Mutation(() => Dossier, { description: 'Bổ sung hồ sơ at the desk; the processing time restarts.' })
  supplementDossier(@Arg('code', () => ID) code: string, @Arg('documents', () => [String]) documents: string[], @Ctx() ctx: Context): Promise<Dossier> {
    return service.supplementDossier(ctx, code, documents);
  }

  @Mutation(() => Dossier, { description: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả, once.' })
  apologizeForDelay(
    @Arg('code', () => ID) code: string,
    @Arg('reason', () => String) reason: string,
    @Arg('newDueAt', () => Date) newDueAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service.apologizeForDelay(ctx, code, reason, newDueAt);
  }

  @Mutation(() => Dossier, { description: 'The result: APPROVED by the last agency, or DENIED with reasons; it goes back to the desk.' })
  recordResult(
    @Arg('code', () => ID) code: string,
    @Arg('outcome', () => Outcome) outcome: Outcome,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Dossier> {
    return service.recordResult(ctx, code, outcome, note);
  }

  @Mutation(() => Dossier, { description: 'Trả kết quả: the desk returns the result, recording who received it.' })
  returnResult(@Arg('code', () => ID) code: string, @Arg('receivedBy', () => String) receivedBy: string, @Ctx() ctx: Context): Promise<Dossier> {
    return service.returnResult(ctx, code, receivedBy);
  }

  @Mutation(() => Dossier, { description: 'Rút hồ sơ: the applicant withdraws a dossier before its result.' })
  withdrawDossier(@Arg('code', () => ID) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<Dossier> {
    return service.withdrawDossier(ctx, code, reason);
  }

  @FieldResolver(() => ProcedureRef)
  procedure(@Root() dossier: Dossier): ProcedureRef {
    return new ProcedureRef(dossier.procedureCode);
  }

  @FieldResolver(() => Agency, { description: 'The agency whose desk received the dossier.' })
  desk(@Root() dossier: Dossier): Agency {
    return new Agency(dossier.deskCode);
  }

  @FieldResolver(() => Agency, { description: 'The desk that returns the result: the receiving one, or its successor once it closed.' })
  returnDesk(@Root() dossier: Dossier): Agency {
    return new Agency(dossier.returnDeskCode);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that holds the dossier now.' })
  holder(@Root() dossier: Dossier): Agency | null {
    return agencyOrNull(dossier.holderCode);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'In transit: the agency it was handed to, which has not accepted yet.' })
  addressee(@Root() dossier: Dossier): Agency | null {
    return agencyOrNull(dossier.addresseeCode);
  }

  @FieldResolver(() => [DossierLeg])
  legs(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierLeg[]> | DossierLeg[] {
    return legsOf(ctx, dossier);
  }

  @FieldResolver(() => [Transfer], { description: 'The control slip: every hand-over with both signatures.' })
  transfers(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Transfer[]> | Transfer[] {
    return transfersOf(ctx, dossier);
  }

  @FieldResolver(() => [DossierEvent], { description: 'Every change, in order.' })
  history(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierEvent[]> {
    return historyOf(ctx, dossier);
  }

  @FieldResolver(() => [Notice], { description: 'What the applicant was told, by e-mail and SMS, and whether it went out.' })
  notices(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Notice[]> {
    return noticesOf(ctx, dossier);
  }

  @FieldResolver(() => Boolean, { description: 'The history’s SHA-256 chain is unbroken from the first event to the last.' })
  async historyIntact(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<boolean> {
    return chainIntact(await historyOf(ctx, dossier), dossier.historyHead, dossier.historyLength);
  }
}

@Resolver(() => DossierLeg)
export class LegResolver {
  @FieldResolver(() => Agency)
  agency(@Root() leg: DossierLeg): Agency {
    return new Agency(leg.agencyCode);
  }
}

@Resolver(() => Transfer)
export class TransferResolver {
  @FieldResolver(() => Agency)
  from(@Root() transfer: Transfer): Agency {
    return new Agency(transfer.fromCode);
  }

  @FieldResolver(() => Agency)
  to(@Root() transfer: Transfer): Agency {
    return new Agency(transfer.toCode);
  }
}

@Resolver(() => DossierEvent)
export class DossierEventResolver {
  @FieldResolver(() => Agency)
  agency(@Root() event: DossierEvent): Agency {
    return new Agency(event.agencyCode);
  }
}

@Resolver(() => DossierConnection)
export class DossierConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: DossierConnection): Promise<number> | number {
    return connection.countTotal();
  }
}

@Resolver(() => DossierTracking)
export class DossierTrackingResolver {
  @FieldResolver(() => ProcedureRef)
  procedure(@Root() tracking: DossierTracking): ProcedureRef {
    return new ProcedureRef(tracking.procedureCode);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that holds the dossier now.' })
  holder(@Root() tracking: DossierTracking): Agency | null {
    return agencyOrNull(tracking.holderCode);
  }
}

@Resolver(() => AgencyPerformance)
export class AgencyPerformanceResolver {
  @FieldResolver(() => Agency)
  agency(@Root() row: AgencyPerformance): Agency {
    return new Agency(row.agencyCode);
  }
}

@Resolver(() => GuidanceSlip)
export class GuidanceSlipResolver {
  @FieldResolver(() => Agency)
  desk(@Root() slip: GuidanceSlip): Agency {
    return new Agency(slip.deskCode);
  }

  @FieldResolver(() => ProcedureRef)
  procedure(@Root() slip: GuidanceSlip): ProcedureRef {
    return new ProcedureRef(slip.procedureCode);
  }
}

/** The longest span the public deadline query computes. */
const MAX_WORKING_DAYS = 1000;

@Resolver()
export class DeadlineResolver {
  @Query(() => Deadline, { description: 'When N working days from an instant run out, in Vietnam’s working calendar.' })
  deadline(@Arg('from', () => Date) from: Date, @Arg('workingDays', () => Int) workingDays: number): Deadline {
    if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
      throw new BadUserInputError(`workingDays must be between 0 and ${MAX_WORKING_DAYS}.`, { fields: { workingDays: 'out of range' } });
    }
    const { dueAt, provisional } = vnCalendar().addWorkingDays(from, workingDays);
    return new Deadline(dueAt, provisional);
  }
}

import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AdministrativeUnitRef } from '../common/stubs';
import { AgencyChange } from './agency-change.entity';
import { AgencySuccessor } from './agency-successor.types';
import { Agency, AgencyTier, Sector } from './agency.entity';
import { agencyLoader, agencyState, historyLoader } from './agency.reference';
import { amendAgency, closeAgency, createAgency } from './directory.service';
import { currentRegistrar } from './register';
import { byCode, registers } from './register-memory';
import { AmendAgencyInput, CreateAgencyInput } from './reorganization.input';

/** The directory (danh bạ cơ quan): every field as it stands at the request's time, with its history. */
@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { nullable: true, description: 'An agency by code, open or closed.' })
  agency(@Arg('code', () => ID, { description: 'The agency’s code in the directory.' }) code: string, @Ctx() ctx: Context): Promise<Agency | null> {
    return agencyLoader(ctx).load(code);
  }

  @Query(() => [Agency], { description: 'The directory, by code; filters narrow it (by the tier it has now).' })
  async agencies(
    @Ctx() ctx: Context,
    @Arg('tier', () => AgencyTier, { nullable: true, description: 'Only agencies of this level.' }) tier?: AgencyTier | null,
    @Arg('sector', () => Sector, { nullable: true, description: 'Only vertical agencies of this sector.' }) sector?: Sector | null,
  ): Promise<Agency[]> {
    // From the registers kept in memory, as every field of the list is: the list and its fields agree.
    const agencies = [...(await registers(ctx)).agencies.values()].filter((agency) => !sector || agency.sector === sector).sort(byCode);
    if (!tier) return agencies;
    const states = await Promise.all(agencies.map((agency) => agencyState(ctx, agency.code)));
    return agencies.filter((_agency, index) => states[index].tier === tier);
  }

  @Query(() => Agency, { description: 'The agency whose SUPERVISORs keep the registers (agencies, units, procedures, working calendar) now.' })
  async registrar(@Ctx() ctx: Context): Promise<Agency> {
    const code = await currentRegistrar(ctx.em, ctx.now);
    return (await agencyLoader(ctx).load(code ?? ''))!;
  }

  @Mutation(() => Agency, { description: 'Thành lập: a new agency from a date, on a decision. For a SUPERVISOR of the registrar.' })
  createAgency(@Arg('input', () => CreateAgencyInput, { description: 'The agency, its date, reason and decision.' }) input: CreateAgencyInput, @Ctx() ctx: Context): Promise<Agency> {
    return createAgency(ctx, input);
  }

  @Mutation(() => Agency, { description: 'An agency’s name, tier, parent, desk, address, phone, service area or portal mark changes from a date. For a SUPERVISOR of the registrar.' })
  amendAgency(
    @Arg('code', () => ID, { description: 'The agency that changes.' }) code: string,
    @Arg('input', () => AmendAgencyInput, { description: 'What changes, from when, why and on what decision.' }) input: AmendAgencyInput, @Ctx() ctx: Context): Promise<Agency> {
    return amendAgency(ctx, code, input);
  }

  @Mutation(() => Agency, { description: 'An agency closes: its dossiers go to its successor. For a SUPERVISOR of the registrar.' })
  closeAgency(
    @Arg('code', () => ID, { description: 'The agency’s code in the directory.' }) code: string,
    @Arg('successor', () => ID, { description: 'Code of the agency that takes over its dossiers and competences.' }) successor: string,
    @Arg('effectiveAt', () => Date, { description: 'From when the closure takes effect (+07:00).' }) effectiveAt: Date,
    @Arg('reason', () => String, { description: 'Why, with the decision, as the history records it.' }) reason: string,
    @Ctx() ctx: Context,
    @Arg('source', () => String, { nullable: true, description: 'Căn cứ: the decision’s number and date; the reason when not given.' }) source?: string | null,
    @Arg('differenceReason', () => String, { nullable: true, description: 'Why a successor of another tier or sector takes the work over (required then).' }) differenceReason?: string | null,
  ): Promise<Agency> {
    return closeAgency(ctx, { code, successor, effectiveAt, reason, source, differenceReason });
  }

  // onestop gives it too where a dossier points at the agency, from its copy of this register (`@provides`).
  @Directive('@shareable')
  @FieldResolver(() => String, { description: 'Its name now.' })
  async name(@Root() agency: Agency, @Ctx() ctx: Context): Promise<string> {
    return (await agencyState(ctx, agency.code)).name;
  }

  @FieldResolver(() => String, { description: 'Its name as it was at an instant (its first name before it existed): forms and history print names of their day.' })
  async nameAt(@Root() agency: Agency, @Arg('at', () => Date, { description: 'The instant.' }) at: Date, @Ctx() ctx: Context): Promise<string> {
    return (await agencyState(ctx, agency.code, at)).name;
  }

  @FieldResolver(() => AgencyChange, { description: 'The agency as it stood at an instant (as it was set up, before it existed): the entry of its history in force then.' })
  asOf(@Root() agency: Agency, @Arg('at', () => Date, { description: 'The instant.' }) at: Date, @Ctx() ctx: Context): Promise<AgencyChange> {
    return agencyState(ctx, agency.code, at);
  }

  @FieldResolver(() => AgencyTier, { description: 'The agency’s level of government, as the directory has it today.' })
  async tier(@Root() agency: Agency, @Ctx() ctx: Context): Promise<AgencyTier> {
    return (await agencyState(ctx, agency.code)).tier;
  }

  @FieldResolver(() => Boolean, { description: 'Has a reception desk (Bộ phận tiếp nhận và trả kết quả).' })
  async hasDesk(@Root() agency: Agency, @Ctx() ctx: Context): Promise<boolean> {
    return (await agencyState(ctx, agency.code)).hasDesk;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Địa chỉ trụ sở, as printed on forms.' })
  async address(@Root() agency: Agency, @Ctx() ctx: Context): Promise<string | null> {
    return (await agencyState(ctx, agency.code)).address;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Số điện thoại, as printed on forms.' })
  async phone(@Root() agency: Agency, @Ctx() ctx: Context): Promise<string | null> {
    return (await agencyState(ctx, agency.code)).phone;
  }

  @FieldResolver(() => Boolean, {
    description: 'Cổng dịch vụ công: the directory marks the agency as running a public service portal now; its SYSTEM may submit dossiers taken online or by post to any desk (submitDossier).',
  })
  async servicePortal(@Root() agency: Agency, @Ctx() ctx: Context): Promise<boolean> {
    return (await agencyState(ctx, agency.code)).servicePortal;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency it belongs to.' })
  async parent(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Agency | null> {
    const { parentCode } = await agencyState(ctx, agency.code);
    return parentCode ? agencyLoader(ctx).load(parentCode) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'Who took over its work when it closed (the first successor).' })
  successor(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return agency.successor ? agencyLoader(ctx).load(agency.successor.code) : null;
  }

  @FieldResolver(() => [AgencySuccessor], { description: 'Who took over its work when it closed, each with the units it took over.' })
  async successors(@Root() agency: Agency, @Ctx() ctx: Context): Promise<AgencySuccessor[]> {
    const closure = (await historyLoader(ctx).load(agency.code)).findLast((change) => change.successors.length > 0);
    return (closure?.successors ?? []).map((successor) => new AgencySuccessor(successor.agency, successor.area));
  }

  @FieldResolver(() => [AdministrativeUnitRef], { description: 'Địa bàn phục vụ: the administrative units whose dossiers this branch handles now (tax and land branches).' })
  async serviceArea(@Root() agency: Agency, @Ctx() ctx: Context): Promise<AdministrativeUnitRef[]> {
    return (await agencyState(ctx, agency.code)).serviceArea.map((code) => new AdministrativeUnitRef(code));
  }

  @FieldResolver(() => [AgencyChange], { description: 'Lịch sử: every change of the agency, in the order they take effect; anyone may read it.' })
  history(@Root() agency: Agency, @Ctx() ctx: Context): Promise<AgencyChange[]> {
    return historyLoader(ctx).load(agency.code);
  }
}

@Resolver(() => AgencyChange)
export class AgencyChangeResolver {
  @FieldResolver(() => Agency, { description: 'The agency it changed.' })
  async agency(@Root() change: AgencyChange, @Ctx() ctx: Context): Promise<Agency> {
    return (await agencyLoader(ctx).load(change.agency.code))!;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency it belongs to from then on.' })
  parent(@Root() change: AgencyChange, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return change.parentCode ? agencyLoader(ctx).load(change.parentCode) : null;
  }

  @FieldResolver(() => [AdministrativeUnitRef], { description: 'Its service area from then on.' })
  serviceArea(@Root() change: AgencyChange): AdministrativeUnitRef[] {
    return change.serviceArea.map((code) => new AdministrativeUnitRef(code));
  }

  @FieldResolver(() => [AgencySuccessor], { description: 'A closure’s successors; empty otherwise.' })
  successors(@Root() change: AgencyChange): AgencySuccessor[] {
    return change.successors.map((successor) => new AgencySuccessor(successor.agency, successor.area));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The reorganisation it was part of.' })
  decision(@Root() change: AgencyChange): string | null {
    return change.decision;
  }
}

@Resolver(() => AgencySuccessor)
export class AgencySuccessorResolver {
  @FieldResolver(() => Agency, { description: 'The successor.' })
  async agency(@Root() successor: AgencySuccessor, @Ctx() ctx: Context): Promise<Agency> {
    return (await agencyLoader(ctx).load(successor.agencyCode))!;
  }
}

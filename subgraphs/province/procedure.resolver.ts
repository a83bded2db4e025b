import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AgencyTier } from './agency.entity';
import { transferCompetence } from './directory.service';
import { ProcedureVersion, RouteBasis } from './procedure-version.entity';
import { ProcedureVersionInput } from './procedure-version.input';
import { Procedure } from './procedure.entity';
import { currentVersion, procedureLoader, versionsLoader } from './procedure.reference';
import { publishProcedureVersion } from './procedure.service';
import { byCode, registers } from './register-memory';
import { RouteLeg } from './route-leg.entity';

/** The procedure catalogue (danh mục TTHC): each procedure as its version in force now describes it. */
@Resolver(() => Procedure)
export class ProcedureResolver {
  @Query(() => Procedure, { nullable: true, description: 'A procedure by code.' })
  procedure(@Arg('code', () => ID, { description: 'The procedure’s code in the catalogue.' }) code: string, @Ctx() ctx: Context): Promise<Procedure | null> {
    return procedureLoader(ctx).load(code);
  }

  @Query(() => [Procedure], { description: 'The published catalogue, by code; `field` narrows it to one lĩnh vực (as in force now).' })
  async procedures(@Ctx() ctx: Context, @Arg('field', () => String, { nullable: true, description: 'Only procedures of this field (lĩnh vực), e.g. Đất đai.' }) field?: string | null): Promise<Procedure[]> {
    // From the registers kept in memory, as every field of the list is: the list and its fields agree.
    const procedures = [...(await registers(ctx)).procedures.values()].sort(byCode);
    if (!field) return procedures;
    const versions = await Promise.all(procedures.map((procedure) => currentVersion(ctx, procedure.code)));
    return procedures.filter((_procedure, index) => versions[index].field === field);
  }

  @Mutation(() => Procedure, {
    description: 'Công bố: a new procedure, or its next version, in force from a date; dossiers already received keep theirs. For a SUPERVISOR of the registrar.',
  })
  publishProcedureVersion(
    @Arg('code', () => ID, { description: 'The procedure’s code; a new code publishes a new procedure.' }) code: string,
    @Arg('input', () => ProcedureVersionInput, { description: 'The whole version, from its date, with the publishing decision.' }) input: ProcedureVersionInput,
    @Ctx() ctx: Context,
  ): Promise<Procedure> {
    return publishProcedureVersion(ctx, code, input);
  }

  @Mutation(() => Procedure, { description: 'A procedure’s competence moves to another agency, with its dossiers in flight. For a SUPERVISOR of the registrar.' })
  transferCompetence(
    @Arg('procedure', () => ID, { description: 'Code of the procedure whose competence moves.' }) procedure: string,
    @Arg('from', () => ID, { description: 'Code of the agency that loses the competence.' }) from: string,
    @Arg('to', () => ID, { description: 'Code of the agency that takes it over.' }) to: string,
    @Arg('effectiveAt', () => Date, { description: 'From when the move takes effect (+07:00).' }) effectiveAt: Date,
    @Arg('reason', () => String, { description: 'Why, with the decision, as the history records it.' }) reason: string,
    @Ctx() ctx: Context,
    @Arg('source', () => String, { nullable: true, description: 'Căn cứ: the decision’s number and date; the reason when not given.' }) source?: string | null,
  ): Promise<Procedure> {
    return transferCompetence(ctx, { procedure, from, to, effectiveAt, reason, source });
  }

  @FieldResolver(() => Int, { description: 'The version in force now.' })
  async version(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<number> {
    return (await currentVersion(ctx, procedure.code)).version;
  }

  @FieldResolver(() => [ProcedureVersion], { description: 'Every published version, in the order they take effect.' })
  versions(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<ProcedureVersion[]> {
    return versionsLoader(ctx).load(procedure.code);
  }

  // onestop gives it too where a dossier points at the procedure, from its copy of this register (`@provides`).
  @Directive('@shareable')
  @FieldResolver(() => String, { description: 'The procedure’s name in the version in force today.' })
  async name(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string> {
    return (await currentVersion(ctx, procedure.code)).name;
  }

  @FieldResolver(() => String, { description: 'Lĩnh vực: the field the procedure belongs to.' })
  async field(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string> {
    return (await currentVersion(ctx, procedure.code)).field;
  }

  @FieldResolver(() => Int, { description: 'Statutory processing time in working days.' })
  async processingDays(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<number> {
    return (await currentVersion(ctx, procedure.code)).processingDays;
  }

  @FieldResolver(() => [String], { description: 'Thành phần hồ sơ: the documents the dossier must contain.' })
  async documents(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string[]> {
    return (await currentVersion(ctx, procedure.code)).documents;
  }

  @FieldResolver(() => [AgencyTier], { description: 'Tiers of the agencies whose desks receive this procedure.' })
  async receivedAt(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<AgencyTier[]> {
    return (await currentVersion(ctx, procedure.code)).receivingTiers;
  }

  @FieldResolver(() => [String], { description: 'Agencies whose desks receive it, by code, besides the tiers’.' })
  async receivingAgencies(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string[]> {
    return (await currentVersion(ctx, procedure.code)).receivingAgencies;
  }

  @FieldResolver(() => Boolean, { description: 'Any desk of a receiving tier in the province may receive it (Decree 118/2025/NĐ-CP).' })
  async anyDesk(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<boolean> {
    return (await currentVersion(ctx, procedure.code)).anyDesk;
  }

  @FieldResolver(() => RouteBasis, { description: 'Whose commune the @LAND and @TAX legs go by.' })
  async routeBasis(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<RouteBasis> {
    return (await currentVersion(ctx, procedure.code)).routeBasis;
  }

  @FieldResolver(() => Boolean, { description: 'The applicant owes a financial obligation (tax, fees) on the way.' })
  async financialObligation(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<boolean> {
    return (await currentVersion(ctx, procedure.code)).financialObligation;
  }

  @FieldResolver(() => String, { description: 'The legal basis of the time limits.' })
  async basis(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<string> {
    return (await currentVersion(ctx, procedure.code)).basis;
  }

  @FieldResolver(() => [RouteLeg], { description: 'The route of the version in force today: the agencies a dossier passes, in order, with their working days.' })
  async route(@Root() procedure: Procedure, @Ctx() ctx: Context): Promise<RouteLeg[]> {
    return (await currentVersion(ctx, procedure.code)).route;
  }
}

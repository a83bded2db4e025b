import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ProcedureRef } from '../../common/stubs';
import { Agency } from './agency.reference';
import { GuidanceInput } from './dossier.input';
import * as guidance from './guidance';
import { GuidanceSlip } from './guidance-slip.entity';

@Resolver(() => GuidanceSlip)
export class GuidanceSlipResolver {
  @Query(() => GuidanceSlip, { nullable: true })
  guidanceSlip(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<GuidanceSlip | null> {
    return guidance.guidanceSlip(ctx, id);
  }

  @Mutation(() => GuidanceSlip, { description: 'Phiếu hướng dẫn hoàn thiện hồ sơ: lists what an incomplete dossier lacks.' })
  issueGuidance(@Arg('input', () => GuidanceInput) input: GuidanceInput, @Ctx() ctx: Context): Promise<GuidanceSlip> {
    return guidance.issueGuidance(ctx, input);
  }

  @FieldResolver(() => Agency)
  desk(@Root() slip: GuidanceSlip): Agency {
    return new Agency(slip.deskCode);
  }

  @FieldResolver(() => ProcedureRef)
  procedure(@Root() slip: GuidanceSlip): ProcedureRef {
    return new ProcedureRef(slip.procedureCode);
  }
}


import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Procedure } from './procedure.reference';
import { Agency } from './agency.reference';
import { GuidanceInput } from './dossier.input';
import * as guidance from './guidance';
import { GuidanceSlip } from './guidance-slip.entity';
import { PROVIDES_NAME } from './register-names.resolver';

@Resolver(() => GuidanceSlip)
export class GuidanceSlipResolver {
  @Query(() => GuidanceSlip, { nullable: true, description: 'A guidance slip by its id, for the desk that issued it (supervisors: any).' })
  guidanceSlip(@Arg('id', () => ID, { description: 'The slip’s id.' }) id: string, @Ctx() ctx: Context): Promise<GuidanceSlip | null> {
    return guidance.guidanceSlip(ctx, id);
  }

  @Mutation(() => GuidanceSlip, { description: 'Phiếu hướng dẫn hoàn thiện hồ sơ: lists what an incomplete dossier lacks.' })
  issueGuidance(@Arg('input', () => GuidanceInput, { description: 'The procedure, the desk, the applicant and the documents brought.' }) input: GuidanceInput, @Ctx() ctx: Context): Promise<GuidanceSlip> {
    return guidance.issueGuidance(ctx, input);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The desk that issued the slip.' })
  desk(@Root() slip: GuidanceSlip): Agency {
    return new Agency(slip.deskCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Procedure, { description: 'The procedure the applicant applied for.' })
  procedure(@Root() slip: GuidanceSlip): Procedure {
    return new Procedure(slip.procedureCode);
  }
}


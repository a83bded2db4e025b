import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { Agency } from './agency.entity';
import { agencyLoader } from './agency.reference';
import { RouteLeg } from './route-leg.entity';

@Resolver(() => RouteLeg)
export class RouteLegResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency, when the leg names one rather than a selector.' })
  agency(@Root() leg: RouteLeg, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return leg.agencySelector.startsWith('@') ? null : agencyLoader(ctx).load(leg.agencySelector);
  }
}

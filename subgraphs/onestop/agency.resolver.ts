import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { assertMayReadInbox, decodeCursor, inboxPages, pageSize } from './dossier.service';
import { DossierConnection } from './dossier.types';

/** The federated Agency as onestop sees it: the province owns it, onestop adds the dossiers it holds. */
@Directive('@key(fields: "code")')
@ObjectType('Agency')
export class Agency {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

export const agencyReferences: ReferenceResolvers = {
  Agency: { __resolveReference: (reference: { code: string }) => new Agency(reference.code) },
};

@Resolver(() => Agency)
export class AgencyInboxResolver {
  @FieldResolver(() => DossierConnection, {
    description: 'Hồ sơ đang xử lý: what the agency holds and what has been handed to it, oldest deadline first.',
  })
  inbox(
    @Root() agency: Agency,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DossierConnection> {
    assertMayReadInbox(ctx.actor, agency.code);
    const size = pageSize(first);
    const cursor = after ? decodeCursor(after) : null;
    // Every agency in one gateway batch asks with the same arguments: one loader, one query, per page shape.
    return ctx.loaders
      .get<string, DossierConnection>(`onestop.inbox:${size}:${after ?? ''}`, async (codes) => {
        const pages = await inboxPages(ctx.em, codes, size, cursor);
        return codes.map((code) => pages.get(code)!);
      })
      .load(agency.code);
  }
}

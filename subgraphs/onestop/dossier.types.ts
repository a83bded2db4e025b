import { Field, Int, ObjectType } from 'type-graphql';
import { Dossier } from './dossier.entity';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;

  constructor(hasNextPage: boolean, endCursor: string | null) {
    this.hasNextPage = hasNextPage;
    this.endCursor = endCursor;
  }
}

@ObjectType()
export class DossierEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Dossier)
  node: Dossier;

  constructor(cursor: string, node: Dossier) {
    this.cursor = cursor;
    this.node = node;
  }
}

@ObjectType()
export class DossierConnection {
  @Field(() => [DossierEdge])
  edges: DossierEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;

  constructor(edges: DossierEdge[], hasNextPage: boolean, totalCount: number) {
    this.edges = edges;
    this.pageInfo = new PageInfo(hasNextPage, edges.at(-1)?.cursor ?? null);
    this.totalCount = totalCount;
  }
}

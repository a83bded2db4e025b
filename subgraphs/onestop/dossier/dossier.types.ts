import { Field, ID, Int, ObjectType } from 'type-graphql';
import { NATIONAL_STATUS_CODE } from '../rulebook/statuses';
import { DossierLeg } from './dossier-leg.entity';
import { Dossier } from './dossier.entity';
import { DossierStatus, Outcome, Timeliness } from './dossier.enums';

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

/** A page of dossiers; the total is counted only when asked for. */
@ObjectType()
export class DossierConnection {
  @Field(() => [DossierEdge])
  edges: DossierEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  readonly countTotal: () => Promise<number> | number;

  constructor(edges: DossierEdge[], hasNextPage: boolean, countTotal: () => Promise<number> | number) {
    this.edges = edges;
    this.pageInfo = new PageInfo(hasNextPage, edges.at(-1)?.cursor ?? null);
    this.countTotal = countTotal;
  }
}

/**
 * Tra cứu hồ sơ: what a citizen sees of a dossier by its code and phone, without a token. No personal
 * data: no applicant, no officer names, no notes.
 */
@ObjectType({ description: 'Tra cứu hồ sơ: a dossier as a citizen sees it, without personal data.' })
export class DossierTracking {
  @Field(() => ID)
  code: string;

  @Field(() => DossierStatus)
  status: DossierStatus;

  @Field(() => Int)
  nationalStatusCode: number;

  @Field(() => String)
  procedureName: string;

  @Field(() => String)
  deskName: string;

  @Field(() => Date)
  receivedAt: Date;

  @Field(() => Date, { nullable: true, description: 'Ngày hẹn trả kết quả; null while the submitted dossier waits for the desk.' })
  dueAt: Date | null;

  @Field(() => [String], { description: 'What the applicant was asked to supplement, if anything.' })
  supplementItems: string[];

  @Field(() => Outcome, { nullable: true })
  outcome: Outcome | null;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  returnedAt: Date | null;

  @Field(() => Timeliness, { nullable: true })
  timeliness: Timeliness | null;

  @Field(() => [DossierLeg], { description: 'The route: each leg’s agency, deadline and how it went.' })
  legs: DossierLeg[];

  /** Code of the agency that holds the dossier now (the gateway resolves its name). */
  readonly holderCode: string | null;

  readonly procedureCode: string;

  constructor(dossier: Dossier) {
    this.code = dossier.code;
    this.status = dossier.status;
    this.nationalStatusCode = NATIONAL_STATUS_CODE[dossier.status];
    this.procedureName = dossier.procedureName;
    this.deskName = dossier.deskName;
    this.receivedAt = dossier.receivedAt;
    this.dueAt = dossier.dueAt;
    this.supplementItems = dossier.status === DossierStatus.SUPPLEMENT_REQUESTED ? dossier.supplementItems : [];
    this.outcome = dossier.outcome;
    this.resolvedAt = dossier.resolvedAt;
    this.returnedAt = dossier.returnedAt;
    this.timeliness = dossier.timeliness;
    this.legs = dossier.legs.getItems();
    this.holderCode = dossier.holderCode;
    this.procedureCode = dossier.procedureCode;
  }
}

@ObjectType({ description: 'A deadline in working time.' })
export class Deadline {
  @Field(() => Date)
  dueAt: Date;

  @Field(() => Boolean, { description: 'It crosses a year whose official calendar is not yet confirmed.' })
  provisional: boolean;

  constructor(dueAt: Date, provisional: boolean) {
    this.dueAt = dueAt;
    this.provisional = provisional;
  }
}

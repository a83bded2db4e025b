import { Field, ID, Int, ObjectType } from 'type-graphql';
import { NATIONAL_STATUS_CODE } from '../rulebook/statuses';
import { DossierLeg } from './dossier-leg.entity';
import { Dossier } from './dossier.entity';
import { DossierStatus, Outcome, Timeliness } from './dossier.enums';

@ObjectType({ description: 'Where a page of a list stands.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more dossiers follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The last edge’s cursor: pass it as `after` for the next page.' })
  endCursor: string | null;

  constructor(hasNextPage: boolean, endCursor: string | null) {
    this.hasNextPage = hasNextPage;
    this.endCursor = endCursor;
  }
}

@ObjectType({ description: 'One dossier of a page, with its position.' })
export class DossierEdge {
  @Field(() => String, { description: 'This row’s position, to pass as `after`.' })
  cursor: string;

  @Field(() => Dossier, { description: 'The dossier.' })
  node: Dossier;

  constructor(cursor: string, node: Dossier) {
    this.cursor = cursor;
    this.node = node;
  }
}

/** A page of dossiers; the total is counted only when asked for. */
@ObjectType({ description: 'A page of dossiers (Relay connection), with the total the filter matches.' })
export class DossierConnection {
  @Field(() => [DossierEdge], { description: 'The page’s dossiers, in the list’s order.' })
  edges: DossierEdge[];

  @Field(() => PageInfo, { description: 'Whether more follow, and where to continue.' })
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
  @Field(() => ID, { description: 'The dossier’s code.' })
  code: string;

  @Field(() => DossierStatus, { description: 'Where the dossier stands.' })
  status: DossierStatus;

  @Field(() => Int, { description: 'The status’s number on the National Public Service Portal (1–10).' })
  nationalStatusCode: number;

  @Field(() => String, { description: 'The procedure’s name.' })
  procedureName: string;

  @Field(() => String, { description: 'The receiving desk’s agency name.' })
  deskName: string;

  @Field(() => Date, { description: 'When the desk received the dossier.' })
  receivedAt: Date;

  @Field(() => Date, { nullable: true, description: 'The appointment to collect the result; null while the submitted dossier waits for the desk.' })
  dueAt: Date | null;

  @Field(() => [String], { description: 'What the applicant was asked to supplement, if anything.' })
  supplementItems: string[];

  @Field(() => Outcome, { nullable: true, description: 'APPROVED or DENIED once decided.' })
  outcome: Outcome | null;

  @Field(() => Date, { nullable: true, description: 'When the result reached the desk.' })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the result was returned.' })
  returnedAt: Date | null;

  @Field(() => Timeliness, { nullable: true, description: 'EARLY, ON_TIME or LATE against the appointment, once resolved.' })
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
  @Field(() => Date, { description: 'The instant the working days run out (+07:00).' })
  dueAt: Date;

  @Field(() => Boolean, { description: 'It crosses a year whose official calendar is not yet confirmed.' })
  provisional: boolean;

  constructor(dueAt: Date, provisional: boolean) {
    this.dueAt = dueAt;
    this.provisional = provisional;
  }
}

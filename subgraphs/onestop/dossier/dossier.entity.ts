import { ArrayType, Collection, Embedded, Entity, Enum, Index, OneToMany, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { NATIONAL_STATUS_CODE } from '../rulebook/statuses';
import { Applicant } from './applicant.entity';
import { DossierLeg } from './dossier-leg.entity';
import { Channel, Delivery, DossierStatus, Outcome, ReturnChannel, Timeliness } from './dossier.enums';
import { Transfer } from './transfer.entity';

/** What a dossier is received with; everything else follows from its life. */
export type DossierInit = Pick<
  Dossier,
  | 'code' | 'procedureCode' | 'procedureName' | 'field' | 'processingDays' | 'deskCode' | 'deskName' | 'applicant' | 'documents'
  | 'copies' | 'delivery' | 'receivedAt' | 'receivedBy' | 'dueAt' | 'dueProvisional' | 'legDueAt' | 'currentLeg' | 'receiptNumber'
  | 'ledgerBook' | 'ledgerNumber' | 'procedureVersion' | 'applicantCommune' | 'parcelCommune'
> & Partial<Pick<Dossier, 'channel' | 'submittedAt' | 'ledgerVolume'>>;

/** Hồ sơ: a dossier handed in at one desk and moved between agencies until its result is returned. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Hồ sơ: a dossier received at a one-stop desk.' })
@Entity({ tableName: 'dossier' })
@Index({ properties: ['holderCode', 'legDueAt', 'code'] })
@Index({ properties: ['addresseeCode', 'legDueAt', 'code'] })
@Index({ name: 'dossier_received_at_code_index', expression: 'create index "dossier_received_at_code_index" on "onestop"."dossier" ("received_at" desc, "code" desc)' })
@Index({ properties: ['deskCode', 'receivedAt'] })
@Index({ properties: ['procedureCode', 'receivedAt'] })
// A desk's or a procedure's dossiers in one status, newest first, without reading the rest of their history.
@Index({
  name: 'dossier_desk_status_received_index',
  expression: 'create index "dossier_desk_status_received_index" on "onestop"."dossier" ("desk_code", "status", "received_at" desc, "code" desc)',
})
@Index({
  name: 'dossier_procedure_status_received_index',
  expression: 'create index "dossier_procedure_status_received_index" on "onestop"."dossier" ("procedure_code", "status", "received_at" desc, "code" desc)',
})
@Index({ properties: ['status', 'receivedAt'] })
@Index({ properties: ['status', 'dueAt'] })
@Unique({ properties: ['deskCode', 'idempotencyKey'] })
export class Dossier {
  [PrimaryKeyProp]?: 'code';

  /** Mã hồ sơ: `<receiving agency code>-<YYMMDD>-<NNNN>` (Circular 01/2018 Art. 19), never changed. */
  @Field(() => ID, { description: 'The dossier’s code (mã hồ sơ): <desk>-<YYMMDD>-<NNNN>, given at receipt and never changed.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  procedureCode!: string;

  @Field(() => String, { description: 'The procedure’s name when the dossier was received.' })
  @Property({ type: 'text' })
  procedureName!: string;

  @Field(() => Int, { description: 'The procedure’s version in force at receipt: the dossier keeps it, whatever is published later.' })
  @Property({ type: 'integer' })
  procedureVersion!: number;

  /** Nơi cư trú: the applicant's commune as the desk recorded it, when given. */
  @Property({ type: 'text', nullable: true })
  applicantCommune!: string | null;

  /** Nơi có đất: the parcel's commune as the desk recorded it, when given. */
  @Property({ type: 'text', nullable: true })
  parcelCommune!: string | null;

  @Field(() => String, { description: 'Lĩnh vực: the field, which also names the ledger.' })
  @Property({ type: 'text' })
  field!: string;

  @Field(() => Int, { description: 'The statutory processing time, in working days.' })
  @Property({ type: 'integer' })
  processingDays!: number;

  /** The agency whose reception desk received the dossier and returns the result. */
  @Property({ type: 'text' })
  deskCode!: string;

  @Field(() => String, { description: 'The desk’s agency as it was named at receipt.' })
  @Property({ type: 'text' })
  deskName!: string;

  /** The desk that returns the result: the receiving desk, or the agency that took its work over when it closed. */
  @Property({ type: 'text' })
  returnDeskCode!: string;

  @Field(() => String, { description: 'The returning desk’s agency as it was named when the dossier became its to return.' })
  @Property({ type: 'text' })
  returnDeskName!: string;

  /** The agency that holds the dossier now; null once it has left the state's hands. */
  @Property({ type: 'text', nullable: true })
  holderCode!: string | null;

  /** The agency it has been handed to and that has not yet accepted it (in transit). */
  @Property({ type: 'text', nullable: true })
  addresseeCode: string | null = null;

  @Field(() => DossierStatus, { description: 'Where the dossier stands (trạng thái); nationalStatusCode gives the national portal’s number.' })
  @Enum({ items: () => DossierStatus })
  status: DossierStatus = DossierStatus.RECEIVED;

  @Field(() => Applicant, { description: 'Who handed the dossier in (người nộp hồ sơ).' })
  @Embedded(() => Applicant, { prefix: 'applicant_' })
  applicant!: Applicant;

  @Field(() => [String], { description: 'Thành phần hồ sơ: the documents handed in, supplements included.' })
  @Property({ type: ArrayType })
  documents!: string[];

  @Field(() => Int, { description: 'Số lượng hồ sơ: how many sets (bộ) were handed in.' })
  @Property({ type: 'integer' })
  copies!: number;

  @Field(() => Delivery, { description: 'How the applicant will collect the result: at the desk or by post.' })
  @Enum({ items: () => Delivery })
  delivery!: Delivery;

  @Field(() => Channel, { description: 'How the dossier came in: at the counter, online or by post.' })
  @Enum({ items: () => Channel })
  channel: Channel = Channel.COUNTER;

  @Field(() => Date, { nullable: true, description: 'When it was submitted online or by post; null for a dossier handed in at the counter.' })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Field(() => Date, { description: 'When the desk received the dossier (+07:00); the clock starts at the next opening. While SUBMITTED, the submission.' })
  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Người tiếp nhận: the officer who received the dossier; null while SUBMITTED.' })
  @Property({ type: 'text', nullable: true })
  receivedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'Ngày hẹn trả kết quả: when the result is promised; null while SUBMITTED (given at the desk’s receipt).' })
  @Property({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Field(() => Boolean, { description: 'The due date crosses a year whose official calendar is not yet confirmed.' })
  @Property({ type: 'boolean' })
  dueProvisional!: boolean;

  /** The deadline of the leg the holder (or, in transit, the addressee) is working on: the inbox's order. */
  @Property({ type: 'timestamptz' })
  legDueAt!: Date;

  @Field(() => Int, { description: 'The route’s leg being worked on (its seq); 0 before the first leg when the desk is not on the route.' })
  @Property({ type: 'integer' })
  currentLeg!: number;

  @Field(() => String, { nullable: true, description: 'Số giấy tiếp nhận: the receipt’s number, “<n>/TNHS”; null while SUBMITTED.' })
  @Property({ type: 'text', nullable: true })
  receiptNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Quyển sổ theo dõi hồ sơ: one book per desk, field and year; null while SUBMITTED.' })
  @Property({ type: 'text', nullable: true })
  ledgerBook!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Quyển số: the ledger book’s number at its desk in the year, in the order the desk opened its books (one per field); null while SUBMITTED.',
  })
  @Property({ type: 'integer', nullable: true })
  ledgerVolume: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Số thứ tự in the ledger book, continuous from 1; null while SUBMITTED.' })
  @Property({ type: 'integer', nullable: true })
  ledgerNumber!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the holder asked for a supplement (yêu cầu bổ sung); the clock stopped then.' })
  @Property({ type: 'timestamptz', nullable: true })
  supplementRequestedAt: Date | null = null;

  @Field(() => [String], { description: 'What the processing agency asked the applicant to supplement.' })
  @Property({ type: ArrayType })
  supplementItems: string[] = [];

  @Field(() => Date, { nullable: true, description: 'Hạn bổ sung: the date by which the applicant must supplement.' })
  @Property({ type: 'timestamptz', nullable: true })
  supplementDueAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the applicant supplemented at the desk; the processing time restarted then.' })
  @Property({ type: 'timestamptz', nullable: true })
  supplementedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the holder recorded its apology and new appointment.' })
  @Property({ type: 'timestamptz', nullable: true })
  apologizedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Lý do chậm: why the agency asked for a new appointment.' })
  @Property({ type: 'text', nullable: true })
  apologyReason: string | null = null;

  @Field(() => Date, { nullable: true, description: 'The appointment the apology replaced.' })
  @Property({ type: 'timestamptz', nullable: true })
  previousDueAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Since when it waits for a financial obligation to be paid (the clock stopped).' })
  @Property({ type: 'timestamptz', nullable: true })
  paymentAwaitedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the financial obligation was paid in full.' })
  @Property({ type: 'timestamptz', nullable: true })
  paidAt: Date | null = null;

  @Field(() => Outcome, { nullable: true, description: 'The result (kết quả): APPROVED or DENIED; null until recorded.' })
  @Enum({ items: () => Outcome, nullable: true })
  outcome: Outcome | null = null;

  @Field(() => String, { nullable: true, description: 'The result’s note; for a denial, the reasons.' })
  @Property({ type: 'text', nullable: true })
  outcomeNote: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the result was ready at the desk.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the desk returned the result (trả kết quả).' })
  @Property({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Who received the result (người nhận kết quả).' })
  @Property({ type: 'text', nullable: true })
  returnedTo: string | null = null;

  @Field(() => ReturnChannel, { nullable: true, description: 'How the result was handed over: at the desk or by post.' })
  @Enum({ items: () => ReturnChannel, nullable: true })
  returnChannel: ReturnChannel | null = null;

  @Field(() => String, { nullable: true, description: 'Số hiệu bưu gửi: the postal tracking number of a result sent by post.' })
  @Property({ type: 'text', nullable: true })
  postalTrackingNumber: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the desk refused the dossier (từ chối tiếp nhận).' })
  @Property({ type: 'timestamptz', nullable: true })
  refusedAt: Date | null = null;

  @Field(() => [String], { description: 'Lý do từ chối: the desk’s reasons for refusing the dossier.' })
  @Property({ type: ArrayType })
  refusalReasons: string[] = [];

  @Field(() => Date, { nullable: true, description: 'When the holder stopped the processing (dừng xử lý).' })
  @Property({ type: 'timestamptz', nullable: true })
  stoppedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The legal reason the processing was stopped.' })
  @Property({ type: 'text', nullable: true })
  stopReason: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the applicant withdrew the dossier (rút hồ sơ).' })
  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The applicant’s reason for withdrawing.' })
  @Property({ type: 'text', nullable: true })
  withdrawalReason: string | null = null;

  @Field(() => Timeliness, { nullable: true, description: 'Overall: the result at the desk against the appointment, by date.' })
  @Enum({ items: () => Timeliness, nullable: true })
  timeliness: Timeliness | null = null;

  /** A retried receipt with the same key returns this dossier and writes nothing. */
  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  /** What the first receipt with the key carried; a different request under the same key is refused. */
  @Property({ type: 'text', nullable: true })
  idempotencyFingerprint: string | null = null;

  /** Hash of the last history event, the head of the chain. */
  @Property({ type: 'text' })
  historyHead = '';

  @Property({ type: 'integer' })
  historyLength = 0;

  /** HMAC-SHA256 of the code, length and head under HUB_AUDIT_KEY: the end of the history cannot be moved unseen. */
  @Property({ type: 'text', nullable: true })
  historySeal: string | null = null;

  /** Optimistic lock: of two concurrent changes, the second fails. */
  @Property({ version: true })
  version!: number;

  @OneToMany(() => DossierLeg, (leg) => leg.dossier, { orderBy: { seq: 'asc' } })
  legs = new Collection<DossierLeg>(this);

  @OneToMany(() => Transfer, (transfer) => transfer.dossier, { orderBy: { seq: 'asc' } })
  transfers = new Collection<Transfer>(this);

  @Field(() => Int, { description: 'The status’s code on the National Public Service Portal.' })
  get nationalStatusCode(): number {
    return NATIONAL_STATUS_CODE[this.status];
  }

  constructor(init: DossierInit) {
    Object.assign(this, init);
    this.holderCode = init.deskCode;
    this.returnDeskCode = init.deskCode;
    this.returnDeskName = init.deskName;
  }
}


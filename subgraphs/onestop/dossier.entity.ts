import { PrimaryKeyProp, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Trạng thái hồ sơ, with the national codes used to sync with the National Public Service Portal
 * (Cổng Dịch vụ công quốc gia).
 */
export enum DossierStatus {
  SUBMITTED = 'SUBMITTED',
  RECEIVED = 'RECEIVED',
  REFUSED = 'REFUSED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  WITHDRAWN = 'WITHDRAWN',
  STOPPED = 'STOPPED',
  RESOLVED = 'RESOLVED',
  RETURNED = 'RETURNED',
}

export const NATIONAL_STATUS_CODE = {
  SUBMITTED: 1,
  RECEIVED: 2,
  REFUSED: 3,
  IN_PROGRESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  AWAITING_PAYMENT: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  RESOLVED: 9,
  RETURNED: 10,
} as const satisfies Record<DossierStatus, number>;

registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  valuesConfig: {
    SUBMITTED: { description: '1: submitted online, not yet accepted' },
    RECEIVED: { description: '2: received at the desk' },
    REFUSED: { description: '3: refused' },
    IN_PROGRESS: { description: '4: being processed' },
    SUPPLEMENT_REQUESTED: { description: '5: waiting for the applicant to supplement (yêu cầu bổ sung)' },
    AWAITING_PAYMENT: { description: '6: waiting for a financial obligation to be paid' },
    WITHDRAWN: { description: '7: withdrawn by the applicant (rút hồ sơ)' },
    STOPPED: { description: '8: processing stopped' },
    RESOLVED: { description: '9: result ready at the desk' },
    RETURNED: { description: '10: result returned to the applicant' },
  },
});

/** Hồ sơ: a dossier handed in at one desk and moved between agencies until its result is returned. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Hồ sơ: a dossier received at a one-stop desk.' })
@Entity({ tableName: 'dossier' })
@Index({ properties: ['holderCode', 'dueAt', 'code'] })
@Index({ properties: ['addresseeCode', 'dueAt', 'code'] })
export class Dossier {
  [PrimaryKeyProp]?: 'code';

  /** Mã hồ sơ: `<receiving agency code>-<YYMMDD>-<NNNN>`, generated once and never changed. */
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  code: string;

  @Property({ type: 'text' })
  procedureCode: string;

  /** The agency whose reception desk received the dossier and returns the result. */
  @Property({ type: 'text' })
  deskCode: string;

  /** The agency that holds the dossier now; null once it has left the hub's hands. */
  @Property({ type: 'text', nullable: true })
  holderCode: string | null;

  /** The agency it has been handed to and that has not yet accepted it (in transit). */
  @Property({ type: 'text', nullable: true })
  addresseeCode: string | null = null;

  @Field(() => DossierStatus)
  @Enum({ items: () => DossierStatus })
  status: DossierStatus;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  receivedAt: Date;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  dueAt: Date;

  /** Optimistic lock: of two concurrent changes, the second fails. */
  @Property({ version: true })
  version!: number;

  @Field(() => Int, { description: 'The status’s code on the National Public Service Portal.' })
  get nationalStatusCode(): number {
    return NATIONAL_STATUS_CODE[this.status];
  }

  constructor(code: string, procedureCode: string, deskCode: string, status: DossierStatus, receivedAt: Date, dueAt: Date) {
    this.code = code;
    this.procedureCode = procedureCode;
    this.deskCode = deskCode;
    this.holderCode = deskCode;
    this.status = status;
    this.receivedAt = receivedAt;
    this.dueAt = dueAt;
  }
}

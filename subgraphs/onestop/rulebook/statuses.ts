/**
 * The closed vocabularies of a dossier's life. Plain enums: the GraphQL layer registers them
 * (`dossier/dossier.enums.ts`), the ORM stores their values; nothing here knows about either.
 */

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

/** How the dossier came in: handed in at the desk, submitted online, or sent by post. */
export enum Channel {
  COUNTER = 'COUNTER',
  ONLINE = 'ONLINE',
  POST = 'POST',
}

/** How the result was handed to the applicant: at the desk, or sent by public postal service. */
export enum ReturnChannel {
  AT_DESK = 'AT_DESK',
  POST = 'POST',
}

/** The statuses in which the processing clock runs. */
export const CLOCK_RUNNING: readonly DossierStatus[] = [DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS];

/** Where the applicant collects the result. */
export enum Delivery {
  AT_DESK = 'AT_DESK',
  POSTAL = 'POSTAL',
}

export enum Outcome {
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
}

/** Trước hạn / đúng hạn / quá hạn, by local calendar date, as the national indicator compares them. */
export enum Timeliness {
  EARLY = 'EARLY',
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
}

export enum TransferKind {
  /** To the agency of the route's next leg. */
  ROUTE = 'ROUTE',
  /** The result, back to the receiving desk. */
  RESULT = 'RESULT',
  /** Anywhere else: a consultation, a wrong agency; carries a note. */
  OTHER = 'OTHER',
}

import { Field, ID, InputType, Int } from 'type-graphql';
import { optionalText, Problems, requiredText } from '../../common/validation';
import { Applicant } from './applicant.entity';
import { Channel, Delivery, DossierStatus } from './dossier.enums';

@InputType({ description: 'Người nộp hồ sơ.' })
export class ApplicantInput {
  @Field(() => String, { description: 'The applicant’s full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The applicant’s address.' })
  address?: string | null;

  @Field(() => String, { description: 'Vietnamese number; +84 and separators are accepted.' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'An e-mail address for notices.' })
  email?: string | null;
}

@InputType({ description: 'A complete dossier handed in at a desk.' })
export class ReceiveDossierInput {
  @Field(() => ID, { nullable: true, description: 'Code of the procedure applied for; required unless `submitted` names the dossier, whose procedure is the submission’s.' })
  procedure?: string | null;

  @Field(() => ID, { description: 'The agency whose desk receives the dossier.' })
  desk!: string;

  @Field(() => ApplicantInput, { nullable: true, description: 'Who hands the dossier in; required unless `submitted` names the dossier, whose applicant is the submission’s.' })
  applicant?: ApplicantInput | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The documents handed in, named as the procedure names them; for a submitted dossier, the ones the desk found (the submission’s when not given).',
  })
  documents?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The code of a SUBMITTED dossier (online or by post) the desk receives now.' })
  submitted?: string | null;

  @Field(() => Int, { nullable: true, description: 'Sets handed in; 1 when not given.' })
  copies?: number | null;

  @Field(() => Delivery, { nullable: true, description: 'Where the result is collected; at the desk when not given.' })
  delivery?: Delivery | null;

  @Field(() => Date, { nullable: true, description: 'For a paper dossier received earlier (at most 30 days back); now when not given.' })
  receivedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first dossier and writes nothing.' })
  idempotencyKey?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Nơi cư trú: the applicant’s commune (an administrative unit code), when the desk records it. Routes of procedures that go by the applicant’s commune use it, and a desk not open to the whole province receives only its own area’s dossiers.',
  })
  applicantCommune?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Nơi có đất: the parcel’s commune (an administrative unit code), for procedures whose route goes by the parcel’s commune (land).',
  })
  parcelCommune?: string | null;
}

@InputType({ description: 'A dossier submitted online or by post, by the online service (SYSTEM) of the desk’s agency or of a public service portal the directory marks.' })
export class SubmitDossierInput {
  @Field(() => ID, { description: 'Code of the procedure applied for.' })
  procedure!: string;

  @Field(() => ID, { description: 'The agency whose desk the dossier is submitted to.' })
  desk!: string;

  @Field(() => ApplicantInput, { description: 'Who submits the dossier.' })
  applicant!: ApplicantInput;

  @Field(() => [String], { description: 'The documents submitted, named as the procedure names them.' })
  documents!: string[];

  @Field(() => Channel, { description: 'ONLINE or POST.' })
  channel!: Channel;

  @Field(() => Int, { nullable: true, description: 'Sets submitted; 1 when not given.' })
  copies?: number | null;

  @Field(() => Delivery, { nullable: true, description: 'Where the result is collected; at the desk when not given.' })
  delivery?: Delivery | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first dossier and writes nothing.' })
  idempotencyKey?: string | null;

  @Field(() => ID, { nullable: true, description: 'Nơi cư trú: the applicant’s commune (an administrative unit code).' })
  applicantCommune?: string | null;

  @Field(() => ID, { nullable: true, description: 'Nơi có đất: the parcel’s commune (an administrative unit code).' })
  parcelCommune?: string | null;
}

@InputType({ description: 'An incomplete dossier: the guidance slip lists what it lacks.' })
export class GuidanceInput {
  @Field(() => ID, { description: 'Code of the procedure applied for.' })
  procedure!: string;

  @Field(() => ID, { description: 'Code of the desk’s agency (it must be the caller’s).' })
  desk!: string;

  @Field(() => ApplicantInput, { description: 'Who brought the incomplete dossier.' })
  applicant!: ApplicantInput;

  @Field(() => [String], { description: 'The documents the applicant brought.' })
  documents!: string[];

  @Field(() => [String], { nullable: true, description: 'Further corrections beyond missing documents.' })
  requirements?: string[] | null;
}

@InputType({ description: 'Conditions on a list of dossiers; every one given must hold.' })
export class DossierFilter {
  @Field(() => DossierStatus, { nullable: true, description: 'Only dossiers in this status.' })
  status?: DossierStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only dossiers received at this desk.' })
  desk?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only dossiers this agency holds now.' })
  holder?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only dossiers of this procedure.' })
  procedure?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Past their due date and still being processed (clock running).' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Waiting for a supplement past the date the applicant was given.' })
  supplementOverdue?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Only dossiers received at or after this instant.' })
  receivedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only dossiers received before this instant.' })
  receivedTo?: Date | null;
}

/** How far back a desk may enter a paper dossier it received earlier. */
export const MAX_BACKDATE_DAYS = 30;
/** Clocks of agency systems drift; a receipt this far ahead is taken as now. */
const CLOCK_SKEW_MS = 60_000;

/** 0xxxxxxxxx (10 or 11 digits); +84 becomes 0; spaces, dots, dashes and brackets are dropped. */
export function normalizePhone(value: string): string | null {
  const digits = value.replace(/[\s.\-()]/g, '').replace(/^\+?84/, '0');
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

export function cleanApplicant(problems: Problems, input: ApplicantInput | null | undefined, field = 'applicant'): Applicant {
  const name = requiredText(problems, `${field}.name`, input?.name, 200);
  const phone = normalizePhone(input?.phone ?? '');
  if (!phone) problems.add(`${field}.phone`, 'must be a Vietnamese phone number such as 0912 345 678 or +84 912 345 678');
  const email = optionalText(problems, `${field}.email`, input?.email, 254);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.add(`${field}.email`, 'is not an e-mail address');
  return new Applicant({ name, phone: phone ?? '', address: optionalText(problems, `${field}.address`, input?.address), email });
}

/** When the desk received the dossier: now, or earlier for a paper dossier, never in the future. */
export function cleanReceivedAt(problems: Problems, value: Date | null | undefined, now: Date): Date {
  if (!value) return now;
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.add('receivedAt', 'cannot be in the future');
    return now;
  }
  if (value.getTime() < now.getTime() - MAX_BACKDATE_DAYS * 24 * 3600 * 1000) {
    problems.add('receivedAt', `can go back at most ${MAX_BACKDATE_DAYS} days`);
  }
  return value.getTime() > now.getTime() ? now : value;
}

/** What a receipt and a guidance slip both start from: the procedure, the desk and the applicant. */
export function cleanIntake(problems: Problems, input: { procedure?: string | null; desk: string; applicant?: ApplicantInput | null }) {
  return {
    procedureCode: requiredText(problems, 'procedure', input.procedure, 100),
    deskCode: requiredText(problems, 'desk', input.desk, 100),
    applicant: cleanApplicant(problems, input.applicant),
  };
}

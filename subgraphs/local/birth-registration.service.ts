import type { Context } from '../common/context';
import { nextNumbers } from '../common/counter';
import { requireHeldDossier } from '../common/dossier-holder';
import { BadUserInputError, ConflictError } from '../common/errors';
import { recordMessage } from '../common/outbox';
import { requireActor, requireRole } from '../common/roles';
import { localDate } from '../common/scalars';
import { optionalText, Problems, requiredText } from '../common/validation';
import { addDays } from '../common/calendar';
import { BirthRegistration } from './birth-registration.entity';
import { Child, type Sex } from './child.entity';
import { LocalOutboxEvent } from './outbox.entity';
import { Parent } from './parent.entity';

export type LocalDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;

/** Decree 63/2024: the birth, residence and health-insurance package is for children under six. */
export const BIRTH_PACKAGE = 'BG-HT-KS';
const SIX_YEARS_DAYS = 6 * 365 + 2;

export interface BirthInput {
  dossier: string;
  child: { name: string; birthDate: string; sex: Sex; birthPlace: string };
  mother: { name: string; birthYear?: number | null; ethnicity?: string | null };
  father?: { name: string; birthYear?: number | null; ethnicity?: string | null } | null;
}

function cleanParent(problems: Problems, field: string, parent: BirthInput['mother'], now: Date): Parent {
  const name = requiredText(problems, `${field}.name`, parent.name, 200);
  const year = parent.birthYear ?? null;
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > now.getUTCFullYear())) problems.add(`${field}.birthYear`, 'is not a possible year of birth');
  return new Parent({ name, birthYear: year, ethnicity: optionalText(problems, `${field}.ethnicity`, parent.ethnicity, 100) });
}

/**
 * Đăng ký khai sinh by the commune that holds a birth-package dossier: the entry gets the next number of
 * the commune's book of the year, and its event completes the commune's leg, handing the dossier on to the
 * police for residence and to social insurance for the health-insurance card.
 */
export async function registerBirth(deps: LocalDeps, input: BirthInput): Promise<BirthRegistration> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const dossierCode = requiredText(problems, 'input.dossier', input.dossier, 100);
  const today = localDate(deps.now);
  const child = new Child({
    name: requiredText(problems, 'input.child.name', input.child?.name, 200),
    birthDate: input.child?.birthDate,
    sex: input.child?.sex,
    birthPlace: requiredText(problems, 'input.child.birthPlace', input.child?.birthPlace, 300),
  });
  if (child.birthDate > today) problems.add('input.child.birthDate', 'cannot be in the future');
  else if (child.birthDate < addDays(today, -SIX_YEARS_DAYS)) problems.add('input.child.birthDate', 'the package is for children under six');
  const mother = cleanParent(problems, 'input.mother', input.mother ?? { name: '' }, deps.now);
  const father = input.father ? cleanParent(problems, 'input.father', input.father, deps.now) : null;
  problems.throwIfAny();
  requireRole(actor, ['PROCESSOR', 'SYSTEM'], 'Only a commune’s civil-status officer (PROCESSOR) or its system registers births.');

  const dossier = await requireHeldDossier<{ procedure: { code: string } }>(deps.graph, actor, dossierCode, {
    fields: 'procedure { code }',
    refusal: `Only the commune that holds dossier ${dossierCode} registers the birth.`,
    before: ({ procedure }) => {
      if (procedure.code !== BIRTH_PACKAGE) {
        throw new BadUserInputError(`Dossier ${dossierCode} is not a birth registration (${BIRTH_PACKAGE}).`, { fields: { 'input.dossier': 'not a birth registration' } });
      }
    },
  });
  if (!['RECEIVED', 'IN_PROGRESS'].includes(dossier.status)) {
    throw new ConflictError(`The birth cannot be registered while the dossier is ${dossier.status}.`, { status: dossier.status });
  }

  return deps.em.transactional(async (em) => {
    if (await em.count(BirthRegistration, { dossierCode })) throw new ConflictError(`The birth of dossier ${dossierCode} is already registered.`);
    const year = Number(today.slice(0, 4));
    const [number] = await nextNumbers(em, 'local', [['birth', `${actor.agency}|${year}`]]);
    const registration = new BirthRegistration({
      id: `${actor.agency}-${year}-${number}`,
      dossierCode,
      communeCode: actor.agency,
      year,
      registerNumber: number,
      child,
      mother,
      father,
      registeredAt: deps.now,
      registeredBy: actor.name,
    });
    em.persist(registration);
    recordMessage(em, LocalOutboxEvent, actor, 'BIRTH_REGISTERED', dossierCode, { registration: registration.id, registerNumber: number, book: registration.book }, deps.now);
    return registration;
  });
}

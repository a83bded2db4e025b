import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../common/auth';
import type { Context } from '../common/context';
import { ForbiddenError } from '../common/errors';
import { requireRole } from '../common/roles';
import { localDate } from '../common/scalars';
import { asOf, inForceAt } from '../common/timeline';
import type { Problems } from '../common/validation';
import { requiredText } from '../common/validation';
import { Agency } from './agency.entity';
import { AgencyChange } from './agency-change.entity';
import { grouped } from './register-memory';
import { RegistrarChange } from './registrar-change.entity';

/**
 * The registers of the province (danh mục): agencies, administrative units, procedures and the working
 * calendar. They are changed by the SUPERVISORs of one agency, the registrar, itself held as data; every
 * change carries the date it takes effect, a reason and a source, and is kept.
 */

export type ProvinceDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;

/** The directory begins with the 2015 reference data (Plan 58/KH-UBND); nothing earlier is kept. */
export const REGISTER_BEGINS = new Date('2015-01-01T00:00:00+07:00');
/** A decision is published ahead of the date it takes effect, but not years ahead. */
const MAX_YEARS_AHEAD = 2;

/** Every register change names when it takes effect within the registers' window. */
export function checkEffectiveAt(problems: Problems, field: string, at: Date, now: Date): void {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) problems.add(field, 'is not an instant');
  else if (at < REGISTER_BEGINS) problems.add(field, `must not be before ${localDate(REGISTER_BEGINS)}, when the directory begins`);
  else if (at > latest) problems.add(field, `must be at most ${MAX_YEARS_AHEAD} years ahead`);
}

/** A change's reason and source (the decision's number and date), both required. */
export function cleanBasis(problems: Problems, input: { reason: string; source: string }, prefix = '') {
  return { reason: requiredText(problems, `${prefix}reason`, input.reason, 1000), source: requiredText(problems, `${prefix}source`, input.source, 2000) };
}

/** The hub itself when it loads the bundled decisions of `domain/`: recorded as their author. */
export function referenceLoader(registrar: string, name = 'Một Cửa Hub (dữ liệu tham chiếu)'): Identity {
  return { sub: 'hub:reference-data', name, agency: registrar, roles: ['SYSTEM'] };
}

/** The agency register as it stands: every agency with its history, and the registrar's. */
export class Register {
  private constructor(
    readonly agencies: Map<string, Agency>,
    readonly history: Map<string, AgencyChange[]>,
    readonly registrars: RegistrarChange[],
  ) {}

  static async load(em: EntityManager): Promise<Register> {
    // One after another: inside a transaction the three share its one connection.
    const agencies = await em.find(Agency, {});
    const changes = await em.find(AgencyChange, {}, { orderBy: { agency: 'asc', seq: 'asc' } });
    const registrars = await em.find(RegistrarChange, {}, { orderBy: { seq: 'asc' } });
    const history = grouped(changes, (change) => change.agency.code);
    return new Register(new Map(agencies.map((agency) => [agency.code, agency])), history, registrars);
  }

  /** The agency as it stood at `at` (as it was set up, before that). */
  stateAt(code: string, at: Date): AgencyChange | undefined {
    return asOf(this.history.get(code) ?? [], at);
  }

  registrarAt(at: Date): string | null {
    return inForceAt(this.registrars, at)?.agencyCode ?? null;
  }
}

/** The registrar now: the agency whose SUPERVISORs change the registers. */
export async function currentRegistrar(em: EntityManager, now: Date): Promise<string | null> {
  const registrars = await em.find(RegistrarChange, {}, { orderBy: { seq: 'asc' } });
  return inForceAt(registrars, now)?.agencyCode ?? null;
}

/** The caller, when a SUPERVISOR of the registrar; FORBIDDEN (naming the registrar) otherwise. */
export async function requireRegistrar(deps: ProvinceDeps): Promise<Identity> {
  const registrar = await currentRegistrar(deps.em, deps.now);
  if (!registrar) throw new ForbiddenError('No agency keeps the registers now.');
  return requireRole(deps.actor, ['SUPERVISOR'], `Only a SUPERVISOR of the registrar (${registrar}) changes the registers.`, { agency: registrar });
}

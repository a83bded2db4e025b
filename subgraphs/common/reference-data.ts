import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The facts every run starts from, kept in `domain/`: Bắc Giang's agencies, the procedure catalogue and the
 * working calendar. Each subgraph loads the part it is the system of record for.
 */

function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const DOMAIN_DIR = join(PROJECT_ROOT, 'domain');

export type AgencyTierCode = 'PROVINCE' | 'PROVINCE_DEPARTMENT' | 'DISTRICT' | 'COMMUNE' | 'CENTRAL_VERTICAL';
export type SectorCode = 'TAX' | 'LAND' | 'POLICE' | 'SOCIAL_INSURANCE' | 'TREASURY';

export interface AgencyRecord {
  code: string;
  name: string;
  tier: AgencyTierCode;
  sector?: SectorCode;
  parent: string | null;
  hasDesk: boolean;
  /** Administrative units whose dossiers a branch handles. */
  serves?: string[];
}

export interface RouteLegRecord {
  agency: string;
  workingDays: number;
  task: string;
}

export interface ProcedureRecord {
  code: string;
  name: string;
  field: string;
  receivedAt: AgencyTierCode[];
  processingDays: number;
  basis: string;
  financialObligation: boolean;
  route: RouteLegRecord[];
  documents: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DOMAIN_DIR, file), 'utf8')) as T;
}

export function agencyRecords(): AgencyRecord[] {
  return readJson<{ agencies: AgencyRecord[] }>('agencies-bac-giang-2015.json').agencies;
}

export function procedureRecords(): ProcedureRecord[] {
  return readJson<{ procedures: ProcedureRecord[] }>('procedures-bac-giang.json').procedures;
}

/** The documents a procedure requires, as the catalogue names them. */
export function documentsOf(procedureCode: string): string[] {
  const procedure = procedureRecords().find((record) => record.code === procedureCode);
  if (!procedure) throw new Error(`${procedureCode} is not in the catalogue.`);
  return procedure.documents;
}

export interface CalendarDay {
  date: string;
  name: string;
}

export interface CalendarYearRecord {
  /** The official schedule for the year is fully loaded. */
  confirmed: boolean;
  /** The notices the year's days come from. */
  source?: string;
  daysOff: CalendarDay[];
  workingSaturdays: CalendarDay[];
}

export interface OfficeSeasonRecord {
  /** MM-DD, inclusive; a season may wrap the new year. */
  from: string;
  to: string;
  sessions: Array<[string, string]>;
}

export interface CalendarRecord {
  years: Record<string, CalendarYearRecord>;
  officeHours: Record<string, OfficeSeasonRecord>;
}

export function calendarRecord(): CalendarRecord {
  const { years, officeHours } = readJson<CalendarRecord & { officeHours: Record<string, unknown> }>('calendar-vn.json');
  const seasons = Object.fromEntries(Object.entries(officeHours).filter(([key]) => key !== 'about')) as Record<string, OfficeSeasonRecord>;
  return { years, officeHours: seasons };
}

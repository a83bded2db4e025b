import type { UnitChanges } from '../common/unit-changes';
import type { AgencyTier, Sector } from './agency.entity';
import type { SuccessorRecord } from './agency-change.entity';

/**
 * A reorganisation as the registers apply it: plain data, whether it came from the API (`reorganize`,
 * `createAgency`, `amendAgency`, `closeAgency`, `transferCompetence`) or from a decision file in `domain/`.
 * Each part may name its own clause (`source`); otherwise the decision's source holds.
 */

export interface AgencyCreation {
  code: string;
  name: string;
  tier: AgencyTier;
  sector: Sector | null;
  parent: string | null;
  hasDesk: boolean;
  address: string | null;
  phone: string | null;
  serviceArea: string[];
  /** Cổng dịch vụ công: the agency runs a public service portal. */
  servicePortal: boolean;
  source: string | null;
}

/** What changes; a field left out stays as it was. */
export interface AgencyAmendment {
  code: string;
  name?: string;
  tier?: AgencyTier;
  parent?: string | null;
  hasDesk?: boolean;
  address?: string | null;
  phone?: string | null;
  serviceArea?: string[];
  servicePortal?: boolean;
  source: string | null;
}

export interface AgencyClosure {
  code: string;
  /** In order: the first takes whatever no successor's area holds. */
  successors: SuccessorRecord[];
  /** Why a successor of another tier or sector takes the work over. */
  differenceReason: string | null;
  source: string | null;
}

export interface CompetenceTransfer {
  procedure: string;
  from: string;
  to: string;
  source: string | null;
}

export interface DecisionParts {
  create: AgencyCreation[];
  amend: AgencyAmendment[];
  close: AgencyClosure[];
  units: UnitChanges;
  competence: CompetenceTransfer[];
  /** From the decision on, this agency's SUPERVISORs keep the registers. */
  registrar: string | null;
}

export interface Decision {
  id: string | null;
  effectiveAt: Date;
  reason: string;
  source: string;
  parts: DecisionParts;
}

export const EMPTY_PARTS: DecisionParts = {
  create: [],
  amend: [],
  close: [],
  units: { create: [], merge: [], rename: [], end: [] },
  competence: [],
  registrar: null,
};

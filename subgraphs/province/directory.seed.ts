import type { EntityManager } from '@mikro-orm/postgresql';
import { agencyRecords, procedureRecords } from '../common/reference-data';
import { Agency, AgencyTier, Sector } from './agency.entity';
import { Procedure } from './procedure.entity';
import { RouteLeg } from './route-leg.entity';

/**
 * Loads the agency directory and the procedure catalogue. Rows that exist are left as they are: the
 * directory is the system of record once loaded (closures, successors), the file only seeds it.
 */
export async function seedDirectory(em: EntityManager): Promise<void> {
  await em.upsertMany(
    Agency,
    agencyRecords().map((record) => ({
      code: record.code,
      name: record.name,
      tier: record.tier as AgencyTier,
      sector: (record.sector as Sector | undefined) ?? null,
      parent: record.parent,
      hasDesk: record.hasDesk,
    })),
    { onConflictFields: ['code'], onConflictAction: 'ignore' },
  );
  await em.upsertMany(
    Procedure,
    procedureRecords().map((record) => ({
      code: record.code,
      name: record.name,
      field: record.field,
      processingDays: record.processingDays,
      documents: record.documents,
      receivedAt: record.receivedAt as AgencyTier[],
      financialObligation: record.financialObligation,
      basis: record.basis,
      route: record.route.map((leg, index) => new RouteLeg({ seq: index + 1, agencySelector: leg.agency, workingDays: leg.workingDays, task: leg.task })),
      competenceMoves: [],
    })),
    { onConflictFields: ['code'], onConflictAction: 'ignore' },
  );
}

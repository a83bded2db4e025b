import type { EntityManager } from '@mikro-orm/postgresql';
import { agencyRecords, calendarRecord, procedureRecords } from '../common/reference-data';
import { AgencyChange, AgencyChangeKind } from './agency-change.entity';
import { Agency, AgencyTier, Sector } from './agency.entity';
import { CalendarYear } from './calendar-year.entity';
import { applyBundledDecisions } from './decisions';
import { OfficeHours } from './office-hours.entity';
import { ProcedureVersion, RouteBasis } from './procedure-version.entity';
import { Procedure } from './procedure.entity';
import { RegistrarChange } from './registrar-change.entity';
import { RouteLeg } from './route-leg.entity';

/**
 * Loads the registers' reference data: the 2015 directory, the procedure catalogue, the working calendar,
 * the office hours and the registrar, then the bundled decisions up to HUB_DIRECTORY_AS_OF. What exists is
 * left as it is: once loaded, the registers are the system of record and the files only seed them.
 */

const LOADER = 'Một Cửa Hub (dữ liệu tham chiếu)';
/** Sở Nội vụ keeps the directory in the reference data (Plan 58/KH-UBND puts the one-stop work under it). */
const FIRST_REGISTRAR = 'BG.SNV';

export async function seedDirectory(em: EntityManager): Promise<void> {
  const now = new Date();
  const recorded = { recordedAt: now, recordedBy: LOADER };
  const agencies = agencyRecords();
  await em.upsertMany(
    Agency,
    agencies.map((record) => ({ code: record.code, sector: (record.sector as Sector | undefined) ?? null, validFrom: null })),
    { onConflictFields: ['code'], onConflictAction: 'ignore' },
  );
  const withHistory = new Set((await em.find(AgencyChange, { seq: 1 })).map((change) => change.agency.code));
  for (const record of agencies.filter((agency) => !withHistory.has(agency.code))) {
    em.persist(
      new AgencyChange({
        agency: em.getReference(Agency, record.code),
        seq: 1,
        kind: AgencyChangeKind.CREATED,
        effectiveAt: null,
        name: record.name,
        tier: record.tier as AgencyTier,
        hasDesk: record.hasDesk,
        parentCode: record.parent,
        address: null,
        phone: null,
        serviceArea: record.serves ?? [],
        servicePortal: false,
        successors: [],
        reason: 'Danh bạ cơ quan của tỉnh Bắc Giang năm 2015',
        source: 'domain/agencies-bac-giang-2015.json (Kế hoạch 58/KH-UBND năm 2015 của UBND tỉnh Bắc Giang)',
        decision: null,
        ...recorded,
      }),
    );
  }

  await em.upsertMany(Procedure, procedureRecords().map((record) => ({ code: record.code, competenceMoves: [] })), { onConflictFields: ['code'], onConflictAction: 'ignore' });
  const versioned = new Set((await em.find(ProcedureVersion, { version: 1 })).map((version) => version.procedure.code));
  for (const record of procedureRecords().filter((procedure) => !versioned.has(procedure.code))) {
    em.persist(
      new ProcedureVersion({
        procedure: em.getReference(Procedure, record.code),
        version: 1,
        effectiveFrom: null,
        name: record.name,
        field: record.field,
        processingDays: record.processingDays,
        documents: record.documents,
        receivingTiers: record.receivedAt as AgencyTier[],
        receivingAgencies: [],
        anyDesk: false,
        routeBasis: RouteBasis.DESK,
        route: record.route.map((leg, index) => new RouteLeg({ seq: index + 1, agencySelector: leg.agency, workingDays: leg.workingDays, task: leg.task })),
        financialObligation: record.financialObligation,
        basis: record.basis,
        reason: 'Danh mục thủ tục hành chính ban đầu',
        source: 'domain/procedures-bac-giang.json',
        ...recorded,
      }),
    );
  }

  const calendar = calendarRecord();
  const entered = new Set((await em.find(CalendarYear, {})).map((version) => version.year));
  for (const [year, record] of Object.entries(calendar.years).filter(([year]) => !entered.has(Number(year)))) {
    em.persist(
      new CalendarYear({
        year: Number(year),
        seq: 1,
        confirmed: record.confirmed,
        daysOff: record.daysOff,
        workingSaturdays: record.workingSaturdays,
        reason: 'Lịch làm việc ban đầu (domain/calendar-vn.json)',
        source: record.source ?? 'Bộ luật Lao động 2019, Điều 112',
        ...recorded,
      }),
    );
  }
  if (!(await em.count(OfficeHours, {}))) {
    em.persist(new OfficeHours({ seasons: calendar.officeHours, reason: 'Giờ làm việc ban đầu', source: 'domain/calendar-vn.json: giờ làm việc của các cơ quan tỉnh Bắc Giang', ...recorded }));
  }
  if (!(await em.count(RegistrarChange, {}))) {
    em.persist(new RegistrarChange({ agencyCode: FIRST_REGISTRAR, effectiveAt: null, reason: 'Sở Nội vụ giữ danh mục cơ quan', source: 'domain/agencies-bac-giang-2015.json', decision: null, ...recorded }));
  }
  await em.flush();
  await applyBundledDecisions(em, now);
}

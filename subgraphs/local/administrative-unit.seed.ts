import type { EntityManager } from '@mikro-orm/postgresql';
import { agencyRecords } from '../common/reference-data';
import { AdministrativeUnit, UnitLevel } from './administrative-unit.entity';
import { applyBundledUnitDecisions } from './units.register';

/** “UBND huyện Yên Thế” governs “huyện Yên Thế”; the 2015 file repeats “thành phố” in the city's name. */
export function unitNameOf(committeeName: string): string {
  return committeeName.replace(/^UBND\s+/, '').replace(/^(thành phố|thị xã)\s+\1\s+/, '$1 ');
}

/**
 * Loads the districts and communes whose People's Committees are in the reference directory, then the units'
 * part of the bundled decisions up to HUB_DIRECTORY_AS_OF.
 */
export async function seedUnits(em: EntityManager): Promise<void> {
  const units = agencyRecords()
    .filter((agency) => agency.tier === 'DISTRICT' || agency.tier === 'COMMUNE')
    .map((agency) => ({
      code: agency.code,
      name: unitNameOf(agency.name),
      level: agency.tier === 'DISTRICT' ? UnitLevel.DISTRICT : UnitLevel.COMMUNE,
      parent: agency.tier === 'COMMUNE' ? agency.parent : null,
      committeeCode: agency.code,
    }));
  await em.upsertMany(AdministrativeUnit, units, { onConflictFields: ['code'], onConflictAction: 'ignore' });
  await applyBundledUnitDecisions(em);
}

import type { EntityClass } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from './federation';
import { agencyRecords, type SectorCode } from './reference-data';
import { AdministrativeUnitRef } from './stubs';

/**
 * Địa bàn phục vụ: which administrative units a branch of a vertical agency (tax, land registry) serves.
 * Each sector's subgraph keeps its own branches' areas, effective-dated like everything else.
 */
export abstract class ServiceAreaBase {
  @PrimaryKey({ type: 'text' })
  branchCode!: string;

  @PrimaryKey({ type: 'text' })
  unitCode!: string;

  @Property({ type: 'timestamptz', nullable: true })
  validFrom: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  validTo: Date | null = null;

  constructor(init: Pick<ServiceAreaBase, 'branchCode' | 'unitCode'>) {
    Object.assign(this, init);
  }
}

/**
 * The part of a sector subgraph that exposes its branches' service areas on the federated Agency as
 * `<field>`; the province subgraph joins the sectors' fields into `Agency.serviceArea`.
 */
export function serviceAreaModule<T extends ServiceAreaBase>(
  entity: EntityClass<T>,
  options: { sector: SectorCode; field: 'landServiceArea' | 'taxServiceArea'; description: string },
) {
  @EntityExtension('Agency') class BranchAgency extends CodeKey {}

  @Resolver(() => BranchAgency)
  class ServiceAreaResolver {
    @FieldResolver(() => [AdministrativeUnitRef], { name: options.field, description: options.description })
    async serviceArea(@Root() agency: BranchAgency, @Ctx() ctx: Context): Promise<AdministrativeUnitRef[]> {
      const areas = await ctx.loaders
        .many<string, ServiceAreaBase>(
          options.field,
          (codes) => ctx.em.find(entity, { branchCode: { $in: [...codes] }, validTo: null } as object, { orderBy: { unitCode: 'asc' } as object }),
          (area) => area.branchCode,
        )
        .load(agency.code);
      return areas.map((area) => new AdministrativeUnitRef(area.unitCode));
    }
  }

  const references: ReferenceResolvers = { Agency: keyReference(BranchAgency) };

  /** Loads the sector's branches' areas from the reference directory; existing rows stay as they are. */
  async function seed(em: EntityManager): Promise<void> {
    const rows = agencyRecords()
      .filter((agency) => agency.sector === options.sector)
      .flatMap((agency) => (agency.serves ?? []).map((unitCode) => ({ branchCode: agency.code, unitCode })));
    if (rows.length === 0) return;
    await em.upsertMany(entity, rows as object[], { onConflictFields: ['branchCode', 'unitCode'] as never, onConflictAction: 'ignore' });
  }

  return { resolvers: [ServiceAreaResolver] as [Function], orphanedTypes: [BranchAgency] as Function[], references, seed };
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Statement } from '../../common/statements';

/**
 * Who may read a dossier: its desk and every agency that has held it or been handed it. Kept in the same
 * transaction as the change that involves the agency, so `dossiers` can list an agency's dossiers from an
 * index instead of searching every hand-over.
 */
@Entity({ tableName: 'dossier_access' })
@Index({ name: 'dossier_access_agency_received_index', expression: 'create index "dossier_access_agency_received_index" on "onestop"."dossier_access" ("agency_code", "received_at" desc, "dossier_code" desc)' })
export class DossierAccess {
  @PrimaryKey({ type: 'text' })
  agencyCode: string;

  @PrimaryKey({ type: 'text' })
  dossierCode: string;

  @Property({ type: 'timestamptz' })
  receivedAt: Date;

  constructor(agencyCode: string, dossierCode: string, receivedAt: Date) {
    this.agencyCode = agencyCode;
    this.dossierCode = dossierCode;
    this.receivedAt = receivedAt;
  }
}

/** The agency may read the dossier from now on. */
export function accessGrant(agencyCode: string, dossierCode: string, receivedAt: Date): Statement {
  return [`insert into onestop.dossier_access (agency_code, dossier_code, received_at) values (?, ?, ?) on conflict do nothing`, [agencyCode, dossierCode, receivedAt]];
}

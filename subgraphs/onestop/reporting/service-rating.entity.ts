import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** One applicant's rating of the service on one returned dossier: one row per dossier, so rated once. */
@Entity({ tableName: 'service_rating' })
@Index({ properties: ['deskCode', 'ratedAt'] })
export class ServiceRating {
  @PrimaryKey({ type: 'text' })
  dossierCode!: string;

  /** The desk that returned the result: the satisfaction figures are that agency's. */
  @Property({ type: 'text' })
  deskCode!: string;

  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'text', nullable: true })
  comment!: string | null;

  @Property({ type: 'timestamptz' })
  ratedAt!: Date;

  constructor(init: Pick<ServiceRating, 'dossierCode' | 'deskCode' | 'rating' | 'comment' | 'ratedAt'>) {
    Object.assign(this, init);
  }
}

import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** A reorganisation whose units' part this subgraph has applied: applying it again changes nothing. */
@Entity({ tableName: 'applied_decision' })
export class AppliedDecision {
  [PrimaryKeyProp]?: 'id';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'timestamptz' })
  effectiveAt!: Date;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'timestamptz' })
  appliedAt!: Date;

  constructor(init: AppliedDecision) {
    Object.assign(this, init);
  }
}

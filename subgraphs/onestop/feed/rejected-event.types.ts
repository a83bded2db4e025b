import { Field, ID, ObjectType } from 'type-graphql';

/** A producer's message onestop could not apply, whole or for one dossier, kept with its reason. */
@ObjectType({ description: 'A message of another subgraph onestop could not apply, whole or for one dossier, with the reason; a supervisor replays it once the cause is fixed.' })
export class RejectedEvent {
  @Field(() => String, { description: 'The producing subgraph: tax, land, local or province.' })
  source!: string;

  @Field(() => ID, { description: 'The message’s id in its producer’s feed.' })
  id!: string;

  @Field(() => String, { description: 'The message’s type, such as TAX_NOTICE_PAID or REORGANIZED.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The dossier it could not be applied to.' })
  dossierCode!: string | null;

  @Field(() => Date, { description: 'When onestop refused it (or last refused it on a replay).' })
  rejectedAt!: Date;

  @Field(() => String, { description: 'Why, as the rules refused it.' })
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'The last replay.' })
  replayedAt!: Date | null;

  @Field(() => String, { description: 'REJECTED, or APPLIED once a replay went through.' })
  outcome!: 'APPLIED' | 'REJECTED';

  constructor(init: RejectedEvent) {
    Object.assign(this, init);
  }
}

import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A dossier whose record does not verify, and what is wrong with it.' })
export class AuditFinding {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  problem!: string;
}

@ObjectType({ description: 'Every dossier’s history verified: its chain, its signatures under the hub’s audit key, its seal, and its state against what the history folds to.' })
export class AuditReport {
  @Field(() => Date)
  checkedAt!: Date;

  @Field(() => Int)
  dossiers!: number;

  @Field(() => Int)
  events!: number;

  @Field(() => Boolean, { description: 'Every dossier verified.' })
  intact!: boolean;

  @Field(() => Int, { description: 'How many dossiers do not verify.' })
  broken!: number;

  @Field(() => AuditFinding, { nullable: true, description: 'The first of them, in code order.' })
  firstBroken!: AuditFinding | null;
}

import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A dossier whose record does not verify, and what is wrong with it.' })
export class AuditFinding {
  @Field(() => String, { description: 'Mã hồ sơ: the dossier’s code.' })
  code!: string;

  @Field(() => String, { description: 'What does not verify: a missing or changed event, a signature, the seal, or a part of the state its history does not lead to.' })
  problem!: string;
}

@ObjectType({ description: 'Every dossier’s history verified: its chain, its signatures under the hub’s audit key, its seal, and its state against what the history folds to.' })
export class AuditReport {
  @Field(() => Date, { description: 'When the audit ran.' })
  checkedAt!: Date;

  @Field(() => Int, { description: 'How many dossiers were verified: all of them.' })
  dossiers!: number;

  @Field(() => Int, { description: 'How many history events were verified.' })
  events!: number;

  @Field(() => Boolean, { description: 'Every dossier verified.' })
  intact!: boolean;

  @Field(() => Int, { description: 'How many dossiers do not verify.' })
  broken!: number;

  @Field(() => AuditFinding, { nullable: true, description: 'The first of them, in code order.' })
  firstBroken!: AuditFinding | null;
}

import { Embedded, Entity, PrimaryKey, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CompetenceMove } from './competence-move.entity';

/**
 * Thủ tục hành chính (TTHC): an administrative procedure as the provincial chairman publishes it. What it
 * requires and how it runs is published in versions, each from a date (`ProcedureVersion`); a dossier keeps
 * the version in force when it was received.
 */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Thủ tục hành chính: an administrative procedure; its fields are those of the version in force now.' })
@Entity({ tableName: 'procedure' })
export class Procedure {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'The procedure’s code in the province’s catalogue, e.g. BG-DD-CN.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  /** From each move's instant, the new agency receives and does the work the old one did. */
  @Field(() => [CompetenceMove], { description: 'Moves of its competence, oldest first.' })
  @Embedded(() => CompetenceMove, { array: true })
  competenceMoves: CompetenceMove[] = [];

  constructor(code: string) {
    this.code = code;
  }
}

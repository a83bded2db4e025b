import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities owned by another subgraph, as a subgraph that only points at them sees them: the key and
 * nothing else (`resolvable: false`). The gateway fetches every other field from the owner.
 */

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('AdministrativeUnit')
export class AdministrativeUnitRef {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('Agency')
export class AgencyRef {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('Procedure')
export class ProcedureRef {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

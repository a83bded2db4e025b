import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ReferenceResolvers } from '../../common/federation';

/** The federated Agency as onestop sees it: the province owns it, onestop adds the dossiers it holds. */
@Directive('@key(fields: "code")')
@ObjectType('Agency')
export class Agency {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

export const agencyReferences: ReferenceResolvers = {
  Agency: { __resolveReference: (reference: { code: string }) => new Agency(reference.code) },
};

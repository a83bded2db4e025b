import { Directive, Field } from 'type-graphql';
import { CodeKey, KeyOnlyStub } from '../../common/federation';

/** The federated Procedure as onestop points at it: its key, and its name where a dossier names it (`@provides`). */
@KeyOnlyStub('Procedure')
export class Procedure extends CodeKey {
  @Directive('@external')
  @Field(() => String, { description: 'The procedure’s name in the version in force today.' })
  name?: string;
}

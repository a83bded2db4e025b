import { Directive, Field } from 'type-graphql';
import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from '../../common/federation';

/**
 * The federated Agency as onestop sees it: the province owns it, onestop adds the dossiers it holds (its
 * inbox), and gives its name where a dossier points at it (`@provides`, register-names.resolver.ts).
 */
@EntityExtension('Agency')
export class Agency extends CodeKey {
  @Directive('@external')
  @Field(() => String, { description: 'Its name now.' })
  name?: string;
}

export const agencyReferences: ReferenceResolvers = { Agency: keyReference(Agency) };

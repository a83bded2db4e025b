import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from '../../common/federation';

/** The federated Agency as onestop sees it: the province owns it, onestop adds the dossiers it holds (its inbox). */
@EntityExtension('Agency')
export class Agency extends CodeKey {}

export const agencyReferences: ReferenceResolvers = { Agency: keyReference(Agency) };

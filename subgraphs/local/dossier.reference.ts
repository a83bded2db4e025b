import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from '../common/federation';

/** The federated Dossier (owned by onestop) as the local subgraph sees it: the birth registered on it. */
@EntityExtension('Dossier') export class LocalDossier extends CodeKey {}

export const dossierReferences: ReferenceResolvers = { Dossier: keyReference(LocalDossier) };

import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from '../common/federation';

/** The federated Dossier (owned by onestop) as the land subgraph sees it: the transfer registered on it. */
@EntityExtension('Dossier') export class LandDossier extends CodeKey {}

export const dossierReferences: ReferenceResolvers = { Dossier: keyReference(LandDossier) };

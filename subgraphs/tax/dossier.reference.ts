import { CodeKey, EntityExtension, keyReference, type ReferenceResolvers } from '../common/federation';

/** The federated Dossier (owned by onestop) as the tax subgraph sees it: the notices issued on it. */
@EntityExtension('Dossier') export class TaxDossier extends CodeKey {}

export const dossierReferences: ReferenceResolvers = { Dossier: keyReference(TaxDossier) };

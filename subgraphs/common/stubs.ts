import { CodeKey, KeyOnlyStub } from './federation';

/** Entities owned by another subgraph that subgraphs point at, each holding only its key. */

@KeyOnlyStub('AdministrativeUnit') export class AdministrativeUnitRef extends CodeKey {}

@KeyOnlyStub('Agency') export class AgencyRef extends CodeKey {}


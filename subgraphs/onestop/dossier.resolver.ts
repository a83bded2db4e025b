import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ProcedureRef } from '../common/stubs';
import { Agency } from './agency.resolver';
import { Dossier } from './dossier.entity';

@Resolver(() => Dossier)
export class DossierResolver {
  @FieldResolver(() => ProcedureRef, { description: 'Thủ tục hành chính: the procedure the dossier asks for.' })
  procedure(@Root() dossier: Dossier): ProcedureRef {
    return new ProcedureRef(dossier.procedureCode);
  }

  @FieldResolver(() => Agency, { description: 'The agency whose desk received the dossier and returns the result.' })
  desk(@Root() dossier: Dossier): Agency {
    return new Agency(dossier.deskCode);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that holds the dossier now.' })
  holder(@Root() dossier: Dossier): Agency | null {
    return dossier.holderCode ? new Agency(dossier.holderCode) : null;
  }
}

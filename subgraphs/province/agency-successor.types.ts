import { Field, ObjectType } from 'type-graphql';
import { AdministrativeUnitRef } from '../common/stubs';

/** Who took over a closed agency's work, and where. */
@ObjectType({ description: 'An agency that took over part of a closed agency’s work.' })
export class AgencySuccessor {
  /** Resolved by the resolver into the agency. */
  agencyCode: string;

  @Field(() => [AdministrativeUnitRef], { description: 'The units whose work it took over; empty: whatever no other successor’s area holds.' })
  area: AdministrativeUnitRef[];

  constructor(agencyCode: string, area: string[]) {
    this.agencyCode = agencyCode;
    this.area = area.map((code) => new AdministrativeUnitRef(code));
  }
}

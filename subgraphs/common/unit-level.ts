import { registerEnumType } from 'type-graphql';

export enum UnitLevel {
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  valuesConfig: {
    DISTRICT: { description: 'Cấp huyện: district, provincial city or town' },
    COMMUNE: { description: 'Cấp xã: commune, ward or township' },
  },
});

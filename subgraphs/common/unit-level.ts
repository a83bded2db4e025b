import { registerEnumType } from 'type-graphql';

export enum UnitLevel {
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  description: 'Cấp đơn vị hành chính: the level of an administrative unit.',
  valuesConfig: {
    DISTRICT: { description: 'Cấp huyện: district, provincial city or town' },
    COMMUNE: { description: 'Cấp xã: commune, ward or township' },
  },
});

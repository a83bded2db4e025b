import { Entity } from '@mikro-orm/core';
import { ServiceAreaBase, serviceAreaModule } from '../common/service-area';

@Entity({ tableName: 'service_area' })
export class TaxServiceArea extends ServiceAreaBase {}

export const serviceArea = serviceAreaModule(TaxServiceArea, {
  sector: 'TAX',
  field: 'taxServiceArea',
  description: 'The districts and communes a tax branch (Chi cục Thuế) serves.',
});

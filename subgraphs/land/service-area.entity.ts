import { Entity } from '@mikro-orm/core';
import { ServiceAreaBase, serviceAreaModule } from '../common/service-area';

@Entity({ tableName: 'service_area' })
export class LandServiceArea extends ServiceAreaBase {}

export const serviceArea = serviceAreaModule(LandServiceArea, {
  sector: 'LAND',
  field: 'landServiceArea',
  description: 'The districts and communes a land registry branch (Chi nhánh Văn phòng Đăng ký đất đai) serves.',
});

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050000 extends Migration {

  override async up(): Promise<void> {
    // Cổng dịch vụ công: the directory marks the agencies that run a public service portal; none did before.
    this.addSql(`alter table "province"."agency_change" add column "service_portal" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "province"."agency_change" drop column "service_portal";`);
  }

}

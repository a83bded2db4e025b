import { Migration } from '@mikro-orm/migrations';

export class Migration20261201231254 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists "land"."service_area" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "land"."service_area" ("branch_code" text not null, "unit_code" text not null, "valid_from" timestamptz(6) null, "valid_to" timestamptz(6) null, constraint "service_area_pkey" primary key ("branch_code", "unit_code"));`);
  }

}

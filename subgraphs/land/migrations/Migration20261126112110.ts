import { Migration } from '@mikro-orm/migrations';

export class Migration20261126112110 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "land";`);
    this.addSql(`create table "land"."service_area" ("branch_code" text not null, "unit_code" text not null, "valid_from" timestamptz null, "valid_to" timestamptz null, constraint "service_area_pkey" primary key ("branch_code", "unit_code"));`);
  }

}

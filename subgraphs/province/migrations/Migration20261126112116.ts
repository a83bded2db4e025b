import { Migration } from '@mikro-orm/migrations';

export class Migration20261126112116 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "province";`);
    this.addSql(`create table "province"."agency" ("code" text not null, "name" text not null, "tier" text check ("tier" in ('PROVINCE', 'PROVINCE_DEPARTMENT', 'DISTRICT', 'COMMUNE', 'CENTRAL_VERTICAL')) not null, "sector" text check ("sector" in ('TAX', 'LAND', 'POLICE', 'SOCIAL_INSURANCE', 'TREASURY')) null, "parent_code" text null, "has_desk" boolean not null, "valid_from" timestamptz null, "valid_to" timestamptz null, "successor_code" text null, constraint "agency_pkey" primary key ("code"));`);

    this.addSql(`create table "province"."procedure" ("code" text not null, "name" text not null, "field" text not null, "processing_days" int not null, "documents" text[] not null, "received_at" text[] not null, "financial_obligation" boolean not null, "basis" text not null, "route" jsonb not null, constraint "procedure_pkey" primary key ("code"));`);

    this.addSql(`alter table "province"."agency" add constraint "agency_parent_code_foreign" foreign key ("parent_code") references "province"."agency" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "province"."agency" add constraint "agency_successor_code_foreign" foreign key ("successor_code") references "province"."agency" ("code") on update cascade on delete restrict;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126125712 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "land"."outbox" ("id" bigserial primary key, "type" text not null, "dossier_code" text null, "agency_code" text not null, "actor_id" text not null, "actor_name" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);

    this.addSql(`create table "land"."parcel" ("map_sheet" int not null, "number" int not null, "commune_code" text not null, "area" numeric(14,2) not null, "address" text not null, "purpose" text not null, "holder" text not null, "branch_code" text not null, "registered_at" timestamptz not null, constraint "parcel_pkey" primary key ("map_sheet", "number", "commune_code"));`);
    this.addSql(`create index "parcel_commune_code_index" on "land"."parcel" ("commune_code");`);

    this.addSql(`create table "land"."land_registration" ("certificate_number" text not null, "parcel_map_sheet" int not null, "parcel_number" int not null, "parcel_commune_code" text not null, "dossier_code" text not null, "transferee" text not null, "previous_holder" text not null, "registered_at" timestamptz not null, "registered_by" text not null, constraint "land_registration_pkey" primary key ("certificate_number"));`);
    this.addSql(`alter table "land"."land_registration" add constraint "land_registration_dossier_code_unique" unique ("dossier_code");`);

    this.addSql(`create table "land"."parcel_holding" ("id" bigserial primary key, "parcel_map_sheet" int not null, "parcel_number" int not null, "parcel_commune_code" text not null, "holder" text not null, "since" timestamptz not null, "until" timestamptz null, "certificate_number" text null, "dossier_code" text null);`);
    this.addSql(`create index "parcel_holding_parcel_map_sheet_parcel_number_parc_5c219_index" on "land"."parcel_holding" ("parcel_map_sheet", "parcel_number", "parcel_commune_code", "since");`);

    this.addSql(`alter table "land"."land_registration" add constraint "land_registration_parcel_map_sheet_parcel_number_60c3f_foreign" foreign key ("parcel_map_sheet", "parcel_number", "parcel_commune_code") references "land"."parcel" ("map_sheet", "number", "commune_code") on update cascade on delete restrict;`);

    this.addSql(`alter table "land"."parcel_holding" add constraint "parcel_holding_parcel_map_sheet_parcel_number_pa_1e70d_foreign" foreign key ("parcel_map_sheet", "parcel_number", "parcel_commune_code") references "land"."parcel" ("map_sheet", "number", "commune_code") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "land"."land_registration" drop constraint "land_registration_parcel_map_sheet_parcel_number_60c3f_foreign";`);

    this.addSql(`alter table "land"."parcel_holding" drop constraint "parcel_holding_parcel_map_sheet_parcel_number_pa_1e70d_foreign";`);

    this.addSql(`drop table if exists "land"."outbox" cascade;`);

    this.addSql(`drop table if exists "land"."parcel" cascade;`);

    this.addSql(`drop table if exists "land"."land_registration" cascade;`);

    this.addSql(`drop table if exists "land"."parcel_holding" cascade;`);
  }

}

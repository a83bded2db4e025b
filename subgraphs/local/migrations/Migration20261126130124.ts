import { Migration } from '@mikro-orm/migrations';

export class Migration20261126130124 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "local"."birth_registration" ("id" text not null, "dossier_code" text not null, "commune_code" text not null, "year" int not null, "register_number" int not null, "child_name" text not null, "child_birth_date" text not null, "child_sex" text check ("child_sex" in ('MALE', 'FEMALE')) not null, "child_birth_place" text not null, "mother_name" text not null, "mother_birth_year" int null, "mother_ethnicity" text null, "father_name" text null, "father_birth_year" int null, "father_ethnicity" text null, "registered_at" timestamptz not null, "registered_by" text not null, constraint "birth_registration_pkey" primary key ("id"));`);
    this.addSql(`alter table "local"."birth_registration" add constraint "birth_registration_dossier_code_unique" unique ("dossier_code");`);
    this.addSql(`alter table "local"."birth_registration" add constraint "birth_registration_commune_code_year_register_number_unique" unique ("commune_code", "year", "register_number");`);

    this.addSql(`create table "local"."counter" ("scope" text not null, "key" text not null, "value" int not null, constraint "counter_pkey" primary key ("scope", "key"));`);

    this.addSql(`create table "local"."outbox" ("id" bigserial primary key, "type" text not null, "dossier_code" text null, "agency_code" text not null, "actor_id" text not null, "actor_name" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "local"."birth_registration" cascade;`);

    this.addSql(`drop table if exists "local"."counter" cascade;`);

    this.addSql(`drop table if exists "local"."outbox" cascade;`);
  }

}

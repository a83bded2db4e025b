import { Migration } from '@mikro-orm/migrations';

export class Migration20261201232120 extends Migration {

  override async up(): Promise<void> {
    // Dossiers received before procedures had versions followed the first one.
    this.addSql(`alter table "onestop"."dossier" add column "procedure_version" int not null default 1, add column "applicant_commune" text null, add column "parcel_commune" text null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "procedure_version" drop default;`);

    this.addSql(`create table "onestop"."deferred_message" ("source" text not null, "event_id" bigint not null, "type" text not null, "message" jsonb not null, "due_at" timestamptz not null, "applied_at" timestamptz null, constraint "deferred_message_pkey" primary key ("source", "event_id"));`);
    this.addSql(`create index "deferred_message_due_at_index" on "onestop"."deferred_message" ("due_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."deferred_message" cascade;`);

    this.addSql(`alter table "onestop"."dossier" drop column "procedure_version", drop column "applicant_commune", drop column "parcel_commune";`);
  }

}

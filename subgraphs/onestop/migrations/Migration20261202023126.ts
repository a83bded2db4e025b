import { Migration } from '@mikro-orm/migrations';

export class Migration20261202023126 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."service_rating" ("dossier_code" text not null, "desk_code" text not null, "rating" smallint not null, "comment" text null, "rated_at" timestamptz not null, constraint "service_rating_pkey" primary key ("dossier_code"));`);
    this.addSql(`create index "service_rating_desk_code_rated_at_index" on "onestop"."service_rating" ("desk_code", "rated_at");`);

    this.addSql(`alter table "onestop"."notice" drop constraint if exists "notice_kind_check";`);

    this.addSql(`alter table "onestop"."dossier" add column "channel" text check ("channel" in ('COUNTER', 'ONLINE', 'POST')) not null default 'COUNTER', add column "submitted_at" timestamptz null, add column "supplement_due_at" timestamptz null, add column "return_channel" text check ("return_channel" in ('AT_DESK', 'POST')) null, add column "postal_tracking_number" text null, add column "refused_at" timestamptz null, add column "refusal_reasons" text[] not null default '{}', add column "stopped_at" timestamptz null, add column "stop_reason" text null;`);
    // Dossiers received before online intake came in at the counter and were never refused.
    this.addSql(`alter table "onestop"."dossier" alter column "channel" drop default, alter column "refusal_reasons" drop default;`);
    this.addSql(`alter table "onestop"."dossier" alter column "due_at" type timestamptz using ("due_at"::timestamptz);`);
    this.addSql(`alter table "onestop"."dossier" alter column "due_at" drop not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "received_by" type text using ("received_by"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "received_by" drop not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "receipt_number" type text using ("receipt_number"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "receipt_number" drop not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_book" type text using ("ledger_book"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_book" drop not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_number" type int using ("ledger_number"::int);`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_number" drop not null;`);

    this.addSql(`alter table "onestop"."notice" add constraint "notice_kind_check" check("kind" in ('RECEIVED', 'SUPPLEMENT_REQUESTED', 'APOLOGY', 'RESULT_READY', 'REFUSED', 'STOPPED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."service_rating" cascade;`);

    this.addSql(`alter table "onestop"."notice" drop constraint if exists "notice_kind_check";`);

    this.addSql(`alter table "onestop"."dossier" drop column "channel", drop column "submitted_at", drop column "supplement_due_at", drop column "return_channel", drop column "postal_tracking_number", drop column "refused_at", drop column "refusal_reasons", drop column "stopped_at", drop column "stop_reason";`);

    this.addSql(`alter table "onestop"."dossier" alter column "received_by" type text using ("received_by"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "received_by" set not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "due_at" type timestamptz(6) using ("due_at"::timestamptz(6));`);
    this.addSql(`alter table "onestop"."dossier" alter column "due_at" set not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "receipt_number" type text using ("receipt_number"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "receipt_number" set not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_book" type text using ("ledger_book"::text);`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_book" set not null;`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_number" type int4 using ("ledger_number"::int4);`);
    this.addSql(`alter table "onestop"."dossier" alter column "ledger_number" set not null;`);

    this.addSql(`alter table "onestop"."notice" add constraint "notice_kind_check" check("kind" in ('RECEIVED', 'SUPPLEMENT_REQUESTED', 'APOLOGY', 'RESULT_READY'));`);
  }

}

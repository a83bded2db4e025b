import { Migration } from '@mikro-orm/migrations';

export class Migration20261126125040 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."consumed_event" ("source" text not null, "event_id" bigint not null, "type" text not null, "dossier_code" text null, "consumed_at" timestamptz not null, "outcome" text not null, "reason" text null, constraint "consumed_event_pkey" primary key ("source", "event_id"));`);

    this.addSql(`create table "onestop"."feed_cursor" ("source" text not null, "position" bigint not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`alter table "onestop"."dossier" add column "payment_awaited_at" timestamptz null, add column "paid_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."consumed_event" cascade;`);

    this.addSql(`drop table if exists "onestop"."feed_cursor" cascade;`);

    this.addSql(`alter table "onestop"."dossier" drop column "payment_awaited_at", drop column "paid_at";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202023359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."webhook" ("id" uuid not null, "agency_code" text not null, "url" text not null, "events" text[] not null, "secret" text not null, "created_by" text not null, "created_at" timestamptz not null, "active" boolean not null default true, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_agency_code_created_at_index" on "onestop"."webhook" ("agency_code", "created_at");`);

    this.addSql(`create table "onestop"."webhook_delivery" ("id" bigserial primary key, "webhook_id" uuid not null, "message_id" text not null, "type" text not null, "dossier_code" text not null, "payload" text not null, "created_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_attempt_at" timestamptz null, "last_status" int null, "last_error" text null, "delivered_at" timestamptz null);`);
    this.addSql(`alter table "onestop"."webhook_delivery" add constraint "webhook_delivery_message_id_unique" unique ("message_id");`);
    this.addSql(`create index "webhook_delivery_webhook_id_dossier_code_id_index" on "onestop"."webhook_delivery" ("webhook_id", "dossier_code", "id");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "onestop"."webhook_delivery" ("status", "next_attempt_at");`);

    this.addSql(`alter table "onestop"."webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "onestop"."webhook" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "onestop"."webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`drop table if exists "onestop"."webhook" cascade;`);

    this.addSql(`drop table if exists "onestop"."webhook_delivery" cascade;`);
  }

}

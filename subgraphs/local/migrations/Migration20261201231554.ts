import { Migration } from '@mikro-orm/migrations';

export class Migration20261201231554 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "local"."applied_decision" ("id" text not null, "effective_at" timestamptz not null, "source" text not null, "applied_at" timestamptz not null, constraint "applied_decision_pkey" primary key ("id"));`);

    this.addSql(`create table "local"."consumed_event" ("source" text not null, "event_id" bigint not null, "type" text not null, "dossier_code" text null, "consumed_at" timestamptz not null, "outcome" text not null, "reason" text null, constraint "consumed_event_pkey" primary key ("source", "event_id"));`);

    this.addSql(`create table "local"."feed_cursor" ("source" text not null, "position" bigint not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`create table "local"."unit_name" ("id" bigserial primary key, "unit_code" text not null, "effective_at" timestamptz not null, "name" text not null, "decision" text not null);`);
    this.addSql(`create index "unit_name_unit_code_effective_at_index" on "local"."unit_name" ("unit_code", "effective_at");`);

    this.addSql(`alter table "local"."unit_name" add constraint "unit_name_unit_code_foreign" foreign key ("unit_code") references "local"."administrative_unit" ("code") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "local"."applied_decision" cascade;`);

    this.addSql(`drop table if exists "local"."consumed_event" cascade;`);

    this.addSql(`drop table if exists "local"."feed_cursor" cascade;`);

    this.addSql(`drop table if exists "local"."unit_name" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202021000 extends Migration {

  override async up(): Promise<void> {
    // A message is kept for a replay; each dossier's part of it has its own outcome.
    this.addSql(`alter table "local"."consumed_event" add column "message" jsonb null, add column "replayed_at" timestamptz null;`);
    this.addSql(`create table "local"."consumed_unit" ("source" text not null, "event_id" bigint not null, "unit" text not null, "dossier_code" text not null, "outcome" text not null, "reason" text null, "at" timestamptz not null, constraint "consumed_unit_pkey" primary key ("source", "event_id", "unit"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "local"."consumed_unit" cascade;`);
    this.addSql(`alter table "local"."consumed_event" drop column "message", drop column "replayed_at";`);
  }

}

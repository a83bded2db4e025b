import { Migration } from '@mikro-orm/migrations';

export class Migration20261126130621 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "province"."outbox" ("id" bigserial primary key, "type" text not null, "dossier_code" text null, "agency_code" text not null, "actor_id" text not null, "actor_name" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);

    this.addSql(`alter table "province"."procedure" add column "competence_moves" jsonb not null default '[]';`);
    this.addSql(`alter table "province"."procedure" alter column "competence_moves" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "province"."outbox" cascade;`);

    this.addSql(`alter table "province"."procedure" drop column "competence_moves";`);
  }

}

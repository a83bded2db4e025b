import { Migration } from '@mikro-orm/migrations';

export class Migration20261126141208 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."notice" ("id" bigserial primary key, "dossier_code" text not null, "kind" text check ("kind" in ('RECEIVED', 'SUPPLEMENT_REQUESTED', 'APOLOGY', 'RESULT_READY')) not null, "channel" text check ("channel" in ('EMAIL', 'SMS')) not null, "recipient" text not null, "subject" text null, "body" text not null, "created_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'SENT', 'LOGGED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_error" text null, "sent_at" timestamptz null);`);
    this.addSql(`create index "notice_dossier_code_id_index" on "onestop"."notice" ("dossier_code", "id");`);
    this.addSql(`create index "notice_status_next_attempt_at_index" on "onestop"."notice" ("status", "next_attempt_at");`);

    this.addSql(`alter table "onestop"."notice" add constraint "notice_dossier_code_foreign" foreign key ("dossier_code") references "onestop"."dossier" ("code") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."notice" cascade;`);
  }

}

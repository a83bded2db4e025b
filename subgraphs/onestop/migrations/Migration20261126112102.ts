import { Migration } from '@mikro-orm/migrations';

export class Migration20261126112102 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "onestop";`);
    this.addSql(`create table "onestop"."dossier" ("code" text not null, "procedure_code" text not null, "desk_code" text not null, "holder_code" text null, "addressee_code" text null, "status" text check ("status" in ('SUBMITTED', 'RECEIVED', 'REFUSED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED')) not null, "received_at" timestamptz not null, "due_at" timestamptz not null, "version" int not null default 1, constraint "dossier_pkey" primary key ("code"));`);
    this.addSql(`create index "dossier_addressee_code_due_at_code_index" on "onestop"."dossier" ("addressee_code", "due_at", "code");`);
    this.addSql(`create index "dossier_holder_code_due_at_code_index" on "onestop"."dossier" ("holder_code", "due_at", "code");`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126125037 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "tax"."counter" ("scope" text not null, "key" text not null, "value" int not null, constraint "counter_pkey" primary key ("scope", "key"));`);

    this.addSql(`create table "tax"."tax_notice" ("id" text not null, "number" text not null, "dossier_code" text not null, "branch_code" text not null, "year" int not null, "serial" int not null, "items" jsonb not null, "total" bigint not null, "issued_at" timestamptz not null, "issued_by" text not null, "pay_by" text not null, "paid_amount" bigint not null default '0', "paid_at" timestamptz null, constraint "tax_notice_pkey" primary key ("id"));`);
    this.addSql(`create index "tax_notice_dossier_code_index" on "tax"."tax_notice" ("dossier_code");`);
    this.addSql(`alter table "tax"."tax_notice" add constraint "tax_notice_branch_code_year_serial_unique" unique ("branch_code", "year", "serial");`);

    this.addSql(`create table "tax"."outbox" ("id" bigserial primary key, "type" text not null, "dossier_code" text null, "agency_code" text not null, "actor_id" text not null, "actor_name" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);

    this.addSql(`create table "tax"."tax_payment" ("id" bigserial primary key, "notice_id" text not null, "amount" bigint not null, "receipt_number" text not null, "paid_at" timestamptz not null, "recorded_at" timestamptz not null, "recorded_by" text not null, "recorded_by_agency" text not null);`);
    this.addSql(`alter table "tax"."tax_payment" add constraint "tax_payment_receipt_number_unique" unique ("receipt_number");`);

    this.addSql(`alter table "tax"."tax_payment" add constraint "tax_payment_notice_id_foreign" foreign key ("notice_id") references "tax"."tax_notice" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tax"."tax_payment" drop constraint "tax_payment_notice_id_foreign";`);

    this.addSql(`drop table if exists "tax"."counter" cascade;`);

    this.addSql(`drop table if exists "tax"."tax_notice" cascade;`);

    this.addSql(`drop table if exists "tax"."outbox" cascade;`);

    this.addSql(`drop table if exists "tax"."tax_payment" cascade;`);
  }

}

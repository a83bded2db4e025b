import { Migration } from '@mikro-orm/migrations';

export class Migration20261126114601 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."counter" ("scope" text not null, "key" text not null, "value" int not null, constraint "counter_pkey" primary key ("scope", "key"));`);

    this.addSql(`create table "onestop"."dossier_access" ("agency_code" text not null, "dossier_code" text not null, "received_at" timestamptz not null, constraint "dossier_access_pkey" primary key ("agency_code", "dossier_code"));`);
    this.addSql(`create index "dossier_access_agency_received_index" on "onestop"."dossier_access" ("agency_code", "received_at" desc, "dossier_code" desc);`);

    this.addSql(`create table "onestop"."dossier_event" ("id" bigserial primary key, "dossier_code" text not null, "seq" int not null, "at" timestamptz not null, "actor_id" text not null, "actor_name" text not null, "roles" text[] not null, "agency_code" text not null, "agency_name" text not null, "action" text not null, "from_status" text null, "to_status" text not null, "details" text not null, "previous_hash" text not null, "hash" text not null);`);
    this.addSql(`create index "dossier_event_agency_code_at_index" on "onestop"."dossier_event" ("agency_code", "at");`);
    this.addSql(`alter table "onestop"."dossier_event" add constraint "dossier_event_dossier_code_seq_unique" unique ("dossier_code", "seq");`);

    this.addSql(`create table "onestop"."dossier_leg" ("id" bigserial primary key, "dossier_code" text not null, "seq" int not null, "agency_code" text not null, "agency_name" text not null, "task" text not null, "working_days" int not null, "due_at" timestamptz null, "completed_at" timestamptz null, "result" text check ("result" in ('EARLY', 'ON_TIME', 'LATE')) null);`);
    this.addSql(`alter table "onestop"."dossier_leg" add constraint "dossier_leg_dossier_code_seq_unique" unique ("dossier_code", "seq");`);

    this.addSql(`create table "onestop"."guidance_slip" ("id" text not null, "number" text not null, "desk_code" text not null, "desk_name" text not null, "year" int not null, "serial" int not null, "procedure_code" text not null, "procedure_name" text not null, "applicant_name" text not null, "applicant_address" text null, "applicant_phone" text not null, "applicant_email" text null, "submitted" text[] not null, "missing" text[] not null, "requirements" text[] not null, "issued_at" timestamptz not null, "issued_by" text not null, "issued_by_sub" text not null, constraint "guidance_slip_pkey" primary key ("id"));`);
    this.addSql(`alter table "onestop"."guidance_slip" add constraint "guidance_slip_desk_code_year_serial_unique" unique ("desk_code", "year", "serial");`);

    this.addSql(`create table "onestop"."transfer" ("id" bigserial primary key, "dossier_code" text not null, "seq" int not null, "kind" text check ("kind" in ('ROUTE', 'RESULT', 'OTHER')) not null, "from_code" text not null, "from_name" text not null, "to_code" text not null, "to_name" text not null, "handed_at" timestamptz not null, "handed_by" text not null, "handed_by_sub" text not null, "note" text null, "accepted_at" timestamptz null, "accepted_by" text null, "accepted_by_sub" text null, "leg_seq" int null, "result" text check ("result" in ('EARLY', 'ON_TIME', 'LATE')) null);`);
    this.addSql(`create index "transfer_to_code_index" on "onestop"."transfer" ("to_code");`);
    this.addSql(`alter table "onestop"."transfer" add constraint "transfer_dossier_code_seq_unique" unique ("dossier_code", "seq");`);

    this.addSql(`alter table "onestop"."dossier_event" add constraint "dossier_event_dossier_code_foreign" foreign key ("dossier_code") references "onestop"."dossier" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "onestop"."dossier_leg" add constraint "dossier_leg_dossier_code_foreign" foreign key ("dossier_code") references "onestop"."dossier" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "onestop"."transfer" add constraint "transfer_dossier_code_foreign" foreign key ("dossier_code") references "onestop"."dossier" ("code") on update cascade on delete restrict;`);

    this.addSql(`drop index "onestop"."dossier_addressee_code_due_at_code_index";`);
    this.addSql(`drop index "onestop"."dossier_holder_code_due_at_code_index";`);

    this.addSql(`alter table "onestop"."dossier" add column "procedure_name" text not null, add column "field" text not null, add column "processing_days" int not null, add column "desk_name" text not null, add column "applicant_name" text not null, add column "applicant_address" text null, add column "applicant_phone" text not null, add column "applicant_email" text null, add column "documents" text[] not null, add column "copies" int not null, add column "delivery" text check ("delivery" in ('AT_DESK', 'POSTAL')) not null, add column "received_by" text not null, add column "due_provisional" boolean not null, add column "leg_due_at" timestamptz not null, add column "current_leg" int not null, add column "receipt_number" text not null, add column "ledger_book" text not null, add column "ledger_number" int not null, add column "supplement_requested_at" timestamptz null, add column "supplement_items" text[] not null, add column "supplemented_at" timestamptz null, add column "apologized_at" timestamptz null, add column "apology_reason" text null, add column "previous_due_at" timestamptz null, add column "outcome" text check ("outcome" in ('APPROVED', 'DENIED')) null, add column "outcome_note" text null, add column "resolved_at" timestamptz null, add column "returned_at" timestamptz null, add column "returned_to" text null, add column "withdrawn_at" timestamptz null, add column "withdrawal_reason" text null, add column "timeliness" text check ("timeliness" in ('EARLY', 'ON_TIME', 'LATE')) null, add column "idempotency_key" text null, add column "idempotency_fingerprint" text null, add column "history_head" text not null, add column "history_length" int not null;`);
    this.addSql(`create index "dossier_status_due_at_index" on "onestop"."dossier" ("status", "due_at");`);
    this.addSql(`create index "dossier_status_received_at_index" on "onestop"."dossier" ("status", "received_at");`);
    this.addSql(`create index "dossier_procedure_code_received_at_index" on "onestop"."dossier" ("procedure_code", "received_at");`);
    this.addSql(`create index "dossier_desk_code_received_at_index" on "onestop"."dossier" ("desk_code", "received_at");`);
    this.addSql(`create index "dossier_received_at_code_index" on "onestop"."dossier" ("received_at" desc, "code" desc);`);
    this.addSql(`create index "dossier_addressee_code_leg_due_at_code_index" on "onestop"."dossier" ("addressee_code", "leg_due_at", "code");`);
    this.addSql(`create index "dossier_holder_code_leg_due_at_code_index" on "onestop"."dossier" ("holder_code", "leg_due_at", "code");`);
    this.addSql(`alter table "onestop"."dossier" add constraint "dossier_desk_code_idempotency_key_unique" unique ("desk_code", "idempotency_key");`);
    // A dossier's history is append-only: the database itself refuses to change or remove an event.
    this.addSql(`create or replace function "onestop"."dossier_event_is_immutable"() returns trigger language plpgsql as $$
      begin raise exception 'dossier history is append-only: % on dossier_event refused', tg_op; end $$;`);
    this.addSql(`create trigger "dossier_event_immutable" before update or delete on "onestop"."dossier_event"
      for each row execute function "onestop"."dossier_event_is_immutable"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."counter" cascade;`);

    this.addSql(`drop table if exists "onestop"."dossier_access" cascade;`);

    this.addSql(`drop table if exists "onestop"."dossier_event" cascade;`);
    this.addSql(`drop function if exists "onestop"."dossier_event_is_immutable"();`);

    this.addSql(`drop table if exists "onestop"."dossier_leg" cascade;`);

    this.addSql(`drop table if exists "onestop"."guidance_slip" cascade;`);

    this.addSql(`drop table if exists "onestop"."transfer" cascade;`);

    this.addSql(`drop index "onestop"."dossier_status_due_at_index";`);
    this.addSql(`drop index "onestop"."dossier_status_received_at_index";`);
    this.addSql(`drop index "onestop"."dossier_procedure_code_received_at_index";`);
    this.addSql(`drop index "onestop"."dossier_desk_code_received_at_index";`);
    this.addSql(`drop index "onestop"."dossier_received_at_code_index";`);
    this.addSql(`drop index "onestop"."dossier_addressee_code_leg_due_at_code_index";`);
    this.addSql(`drop index "onestop"."dossier_holder_code_leg_due_at_code_index";`);
    this.addSql(`alter table "onestop"."dossier" drop constraint "dossier_desk_code_idempotency_key_unique";`);
    this.addSql(`alter table "onestop"."dossier" drop column "procedure_name", drop column "field", drop column "processing_days", drop column "desk_name", drop column "applicant_name", drop column "applicant_address", drop column "applicant_phone", drop column "applicant_email", drop column "documents", drop column "copies", drop column "delivery", drop column "received_by", drop column "due_provisional", drop column "leg_due_at", drop column "current_leg", drop column "receipt_number", drop column "ledger_book", drop column "ledger_number", drop column "supplement_requested_at", drop column "supplement_items", drop column "supplemented_at", drop column "apologized_at", drop column "apology_reason", drop column "previous_due_at", drop column "outcome", drop column "outcome_note", drop column "resolved_at", drop column "returned_at", drop column "returned_to", drop column "withdrawn_at", drop column "withdrawal_reason", drop column "timeliness", drop column "idempotency_key", drop column "idempotency_fingerprint", drop column "history_head", drop column "history_length";`);

    this.addSql(`create index "dossier_addressee_code_due_at_code_index" on "onestop"."dossier" ("addressee_code", "due_at", "code");`);
    this.addSql(`create index "dossier_holder_code_due_at_code_index" on "onestop"."dossier" ("holder_code", "due_at", "code");`);
  }

}

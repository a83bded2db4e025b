import { Migration } from '@mikro-orm/migrations';

export class Migration20261201231027 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "province"."agency_change" ("id" bigserial primary key, "agency_code" text not null, "seq" int not null, "kind" text check ("kind" in ('CREATED', 'AMENDED', 'CLOSED')) not null, "effective_at" timestamptz null, "name" text not null, "tier" text check ("tier" in ('PROVINCE', 'PROVINCE_DEPARTMENT', 'DISTRICT', 'COMMUNE', 'CENTRAL_VERTICAL')) not null, "has_desk" boolean not null, "parent_code" text null, "address" text null, "phone" text null, "service_area" text[] not null, "successors" jsonb not null, "reason" text not null, "source" text not null, "decision" text null, "recorded_at" timestamptz not null, "recorded_by" text not null, constraint agency_change_effective_in_window check (effective_at is null or (extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600)), constraint agency_change_seq_positive check (seq > 0));`);
    this.addSql(`create index "agency_change_decision_index" on "province"."agency_change" ("decision");`);
    this.addSql(`alter table "province"."agency_change" add constraint "agency_change_agency_code_seq_unique" unique ("agency_code", "seq");`);

    this.addSql(`create table "province"."calendar_year" ("id" bigserial primary key, "year" int not null, "seq" int not null, "confirmed" boolean not null, "days_off" jsonb not null, "working_saturdays" jsonb not null, "reason" text not null, "source" text not null, "recorded_at" timestamptz not null, "recorded_by" text not null, constraint calendar_year_in_range check (year >= 2000 and year <= 2100 and seq > 0));`);
    this.addSql(`alter table "province"."calendar_year" add constraint "calendar_year_year_seq_unique" unique ("year", "seq");`);

    this.addSql(`create table "province"."office_hours" ("seq" serial primary key, "seasons" jsonb not null, "reason" text not null, "source" text not null, "recorded_at" timestamptz not null, "recorded_by" text not null);`);

    this.addSql(`create table "province"."procedure_version" ("id" bigserial primary key, "procedure_code" text not null, "version" int not null, "effective_from" timestamptz null, "name" text not null, "field" text not null, "processing_days" int not null, "documents" text[] not null, "receiving_tiers" text[] not null, "receiving_agencies" text[] not null, "any_desk" boolean not null, "route_basis" text check ("route_basis" in ('DESK', 'APPLICANT', 'PARCEL')) not null, "route" jsonb not null, "financial_obligation" boolean not null, "basis" text not null, "reason" text not null, "source" text not null, "recorded_at" timestamptz not null, "recorded_by" text not null, constraint procedure_version_effective_in_window check (effective_from is null or (extract(epoch from effective_from) >= 1420045200 and extract(epoch from effective_from) < 4102419600)), constraint procedure_version_positive check (version > 0), constraint procedure_version_days_in_range check (processing_days >= 0 and processing_days <= 365));`);
    this.addSql(`alter table "province"."procedure_version" add constraint "procedure_version_procedure_code_version_unique" unique ("procedure_code", "version");`);

    this.addSql(`create table "province"."registrar_change" ("seq" serial primary key, "agency_code" text not null, "effective_at" timestamptz null, "reason" text not null, "source" text not null, "decision" text null, "recorded_at" timestamptz not null, "recorded_by" text not null);`);

    this.addSql(`create table "province"."reorganization" ("id" text not null, "effective_at" timestamptz not null, "reason" text not null, "source" text not null, "parts" jsonb not null, "recorded_at" timestamptz not null, "recorded_by" text not null, constraint "reorganization_pkey" primary key ("id"), constraint reorganization_effective_in_window check (extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600));`);

    this.addSql(`alter table "province"."agency_change" add constraint "agency_change_agency_code_foreign" foreign key ("agency_code") references "province"."agency" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "province"."procedure_version" add constraint "procedure_version_procedure_code_foreign" foreign key ("procedure_code") references "province"."procedure" ("code") on update cascade on delete restrict;`);

    // What the agency and procedure rows held moves into the registers' history, as their first entries.
    this.addSql(`insert into "province"."agency_change" ("agency_code", "seq", "kind", "effective_at", "name", "tier", "has_desk", "parent_code", "service_area", "successors", "reason", "source", "recorded_at", "recorded_by")
      select "code", 1, 'CREATED', "valid_from", "name", "tier", "has_desk", "parent_code", '{}', '[]', 'Danh bạ cơ quan của tỉnh Bắc Giang năm 2015',
        'domain/agencies-bac-giang-2015.json (Kế hoạch 58/KH-UBND năm 2015 của UBND tỉnh Bắc Giang)', now(), 'Một Cửa Hub (chuyển dữ liệu)' from "province"."agency";`);
    // The branches' service areas were kept by the tax and land subgraphs; the 2015 reference data gives them.
    this.addSql(`update "province"."agency_change" c set "service_area" = v.area from (values ('BG.CT.TPBG', array['BG.TPBG']), ('BG.CT.YENTHE', array['BG.YENTHE']), ('BG.CT.TANYEN', array['BG.TANYEN']), ('BG.CT.LANGGIANG', array['BG.LANGGIANG']), ('BG.CT.LUCNAM', array['BG.LUCNAM']), ('BG.CT.LUCNGAN', array['BG.LUCNGAN']), ('BG.CT.SONDONG', array['BG.SONDONG']), ('BG.CT.YENDUNG', array['BG.YENDUNG']), ('BG.CT.VIETYEN', array['BG.VIETYEN']), ('BG.CT.HIEPHOA', array['BG.HIEPHOA']), ('BG.VPDKDD.TPBG', array['BG.TPBG']), ('BG.VPDKDD.YENTHE', array['BG.YENTHE']), ('BG.VPDKDD.TANYEN', array['BG.TANYEN']), ('BG.VPDKDD.LANGGIANG', array['BG.LANGGIANG']), ('BG.VPDKDD.LUCNAM', array['BG.LUCNAM']), ('BG.VPDKDD.LUCNGAN', array['BG.LUCNGAN']), ('BG.VPDKDD.SONDONG', array['BG.SONDONG']), ('BG.VPDKDD.YENDUNG', array['BG.YENDUNG']), ('BG.VPDKDD.VIETYEN', array['BG.VIETYEN']), ('BG.VPDKDD.HIEPHOA', array['BG.HIEPHOA'])) as v(code, area) where c."agency_code" = v.code;`);
    this.addSql(`insert into "province"."agency_change" ("agency_code", "seq", "kind", "effective_at", "name", "tier", "has_desk", "parent_code", "service_area", "successors", "reason", "source", "recorded_at", "recorded_by")
      select a."code", 2, 'CLOSED', a."valid_to", c."name", c."tier", c."has_desk", c."parent_code", c."service_area", jsonb_build_array(jsonb_build_object('agency', a."successor_code", 'area', '[]'::jsonb)),
        'Đóng trước khi có lịch sử thay đổi', 'closeAgency', now(), 'Một Cửa Hub (chuyển dữ liệu)'
      from "province"."agency" a join "province"."agency_change" c on c."agency_code" = a."code" and c."seq" = 1 where a."valid_to" is not null;`);
    this.addSql(`insert into "province"."procedure_version" ("procedure_code", "version", "effective_from", "name", "field", "processing_days", "documents", "receiving_tiers", "receiving_agencies", "any_desk", "route_basis", "route", "financial_obligation", "basis", "reason", "source", "recorded_at", "recorded_by")
      select "code", 1, null, "name", "field", "processing_days", "documents", "received_at", '{}', false, 'DESK', "route", "financial_obligation", "basis", 'Danh mục thủ tục hành chính ban đầu', 'domain/procedures-bac-giang.json', now(), 'Một Cửa Hub (chuyển dữ liệu)' from "province"."procedure";`);
    this.addSql(`insert into "province"."registrar_change" ("agency_code", "effective_at", "reason", "source", "recorded_at", "recorded_by")
      select 'BG.SNV', null, 'Sở Nội vụ giữ danh mục cơ quan', 'domain/agencies-bac-giang-2015.json', now(), 'Một Cửa Hub (chuyển dữ liệu)' where exists (select 1 from "province"."agency" where "code" = 'BG.SNV');`);
    // The registers' history is appended to, never rewritten; a closed agency stays closed.
    this.addSql(`create or replace function "province"."register_history_is_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'the registers'' history is append-only: % on % refused', tg_op, tg_table_name; end $$;`);
    for (const table of ['agency_change', 'procedure_version', 'calendar_year', 'office_hours', 'registrar_change', 'reorganization']) {
      this.addSql(`create trigger "${table}_append_only" before update or delete on "province"."${table}" for each row execute function "province"."register_history_is_append_only"();`);
    }
    this.addSql(`create or replace function "province"."agency_closes_once"() returns trigger language plpgsql as $$
      begin
        if old."valid_to" is not null and (new."valid_to" is distinct from old."valid_to" or new."successor_code" is distinct from old."successor_code") then
          raise exception 'agency % is already closed', old."code";
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "agency_closes_once" before update on "province"."agency" for each row execute function "province"."agency_closes_once"();`);

    this.addSql(`alter table "province"."agency" drop constraint "agency_parent_code_foreign";`);

    this.addSql(`alter table "province"."agency" drop column "name", drop column "tier", drop column "parent_code", drop column "has_desk";`);

    this.addSql(`alter table "province"."agency" add constraint agency_closes_after_it_opens check(valid_to is null or valid_from is null or valid_to >= valid_from);`);
    this.addSql(`alter table "province"."agency" add constraint agency_not_own_successor check(successor_code <> code);`);
    this.addSql(`alter table "province"."agency" add constraint agency_closure_has_successor check((valid_to is null) = (successor_code is null));`);

    this.addSql(`alter table "province"."procedure" drop column "name", drop column "field", drop column "processing_days", drop column "documents", drop column "received_at", drop column "financial_obligation", drop column "basis", drop column "route";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "province"."agency_change" cascade;`);

    this.addSql(`drop table if exists "province"."calendar_year" cascade;`);

    this.addSql(`drop table if exists "province"."office_hours" cascade;`);

    this.addSql(`drop table if exists "province"."procedure_version" cascade;`);

    this.addSql(`drop table if exists "province"."registrar_change" cascade;`);

    this.addSql(`drop table if exists "province"."reorganization" cascade;`);

    this.addSql(`alter table "province"."agency" drop constraint agency_closes_after_it_opens;`);
    this.addSql(`alter table "province"."agency" drop constraint agency_not_own_successor;`);
    this.addSql(`alter table "province"."agency" drop constraint agency_closure_has_successor;`);

    this.addSql(`alter table "province"."agency" add column "name" text not null, add column "tier" text check ("tier" in ('PROVINCE', 'PROVINCE_DEPARTMENT', 'DISTRICT', 'COMMUNE', 'CENTRAL_VERTICAL')) not null, add column "parent_code" text null, add column "has_desk" bool not null;`);
    this.addSql(`alter table "province"."agency" add constraint "agency_parent_code_foreign" foreign key ("parent_code") references "province"."agency" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "province"."procedure" add column "name" text not null, add column "field" text not null, add column "processing_days" int4 not null, add column "documents" text[] not null, add column "received_at" text[] not null, add column "financial_obligation" bool not null, add column "basis" text not null, add column "route" jsonb not null;`);
  }

}

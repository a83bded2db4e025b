import { Migration } from '@mikro-orm/migrations';

export class Migration20261126135520 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "onestop"."desk_daily_stats" ("desk_code" text not null, "day" date not null, "received" int not null default 0, "resolved_early" int not null default 0, "resolved_on_time" int not null default 0, "resolved_late" int not null default 0, constraint "desk_daily_stats_pkey" primary key ("desk_code", "day"));`);
    // Dossiers received before the counts existed are counted now, by local date (Asia/Ho_Chi_Minh).
    this.addSql(`insert into "onestop"."desk_daily_stats" ("desk_code", "day", "received", "resolved_early", "resolved_on_time", "resolved_late")
      select desk_code, day, sum(received), sum(early), sum(on_time), sum(late) from (
        select desk_code, (received_at at time zone 'Asia/Ho_Chi_Minh')::date as day, 1 as received, 0 as early, 0 as on_time, 0 as late
          from "onestop"."dossier"
        union all
        select desk_code, (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date, 0,
               case when (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date < (due_at at time zone 'Asia/Ho_Chi_Minh')::date then 1 else 0 end,
               case when (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date = (due_at at time zone 'Asia/Ho_Chi_Minh')::date then 1 else 0 end,
               case when (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date > (due_at at time zone 'Asia/Ho_Chi_Minh')::date then 1 else 0 end
          from "onestop"."dossier" where resolved_at is not null
      ) counted group by desk_code, day;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "onestop"."desk_daily_stats" cascade;`);
  }

}

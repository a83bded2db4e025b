import { Migration } from '@mikro-orm/migrations';

export class Migration20261202051000 extends Migration {

  override async up(): Promise<void> {
    // Quyển số: each ledger book (desk, field, year) is numbered at its desk in the year, in the order the
    // books were opened. Books opened before are numbered the same way, by their first entry.
    this.addSql(`alter table "onestop"."dossier" add column "ledger_volume" int null;`);
    this.addSql(`with books as (
        select desk_code, ledger_book, right(ledger_book, 4) as year, min(received_at) as opened_at
        from "onestop"."dossier" where ledger_book is not null group by desk_code, ledger_book),
      numbered as (
        select desk_code, ledger_book, year, row_number() over (partition by desk_code, year order by opened_at, ledger_book) as volume from books)
      update "onestop"."dossier" d set ledger_volume = numbered.volume
      from numbered where d.desk_code = numbered.desk_code and d.ledger_book = numbered.ledger_book;`);
    // The counters a receipt reads: each book's number (desk|field|year) and each desk's last one of the year.
    this.addSql(`insert into "onestop"."counter" (scope, key, value)
      select distinct 'ledger-volume-of', desk_code || '|' || left(ledger_book, length(ledger_book) - 5) || '|' || right(ledger_book, 4), ledger_volume
      from "onestop"."dossier" where ledger_volume is not null
      on conflict (scope, key) do nothing;`);
    this.addSql(`insert into "onestop"."counter" (scope, key, value)
      select 'ledger-volume', desk_code || '|' || right(ledger_book, 4), max(ledger_volume)
      from "onestop"."dossier" where ledger_volume is not null group by desk_code, right(ledger_book, 4)
      on conflict (scope, key) do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "onestop"."counter" where scope in ('ledger-volume', 'ledger-volume-of');`);
    this.addSql(`alter table "onestop"."dossier" drop column "ledger_volume";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126150000 extends Migration {

  override async up(): Promise<void> {
    // The desk that returns the result: until a desk agency closes, the one that received the dossier.
    this.addSql(`alter table "onestop"."dossier" add column "return_desk_code" text null, add column "return_desk_name" text null;`);
    this.addSql(`update "onestop"."dossier" set "return_desk_code" = "desk_code", "return_desk_name" = "desk_name";`);
    this.addSql(`alter table "onestop"."dossier" alter column "return_desk_code" set not null, alter column "return_desk_name" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "onestop"."dossier" drop column "return_desk_code", drop column "return_desk_name";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126112118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "local";`);
    this.addSql(`create table "local"."administrative_unit" ("code" text not null, "name" text not null, "level" text check ("level" in ('DISTRICT', 'COMMUNE')) not null, "parent_code" text null, "committee_code" text not null, "valid_from" timestamptz null, "valid_to" timestamptz null, "successor_code" text null, constraint "administrative_unit_pkey" primary key ("code"));`);

    this.addSql(`alter table "local"."administrative_unit" add constraint "administrative_unit_parent_code_foreign" foreign key ("parent_code") references "local"."administrative_unit" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "local"."administrative_unit" add constraint "administrative_unit_successor_code_foreign" foreign key ("successor_code") references "local"."administrative_unit" ("code") on update cascade on delete restrict;`);
  }

}

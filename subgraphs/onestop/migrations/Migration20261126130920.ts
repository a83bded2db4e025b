import { Migration } from '@mikro-orm/migrations';

export class Migration20261126130920 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "dossier_leg_agency_code_result_index" on "onestop"."dossier_leg" ("agency_code", "result");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "onestop"."dossier_leg_agency_code_result_index";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126124127 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "dossier_procedure_status_received_index" on "onestop"."dossier" ("procedure_code", "status", "received_at" desc, "code" desc);`);
    this.addSql(`create index "dossier_desk_status_received_index" on "onestop"."dossier" ("desk_code", "status", "received_at" desc, "code" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "onestop"."dossier_procedure_status_received_index";`);
    this.addSql(`drop index "onestop"."dossier_desk_status_received_index";`);
  }

}

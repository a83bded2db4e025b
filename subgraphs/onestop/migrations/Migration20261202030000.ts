import { Migration } from '@mikro-orm/migrations';

export class Migration20261202030000 extends Migration {

  override async up(): Promise<void> {
    // Signatures under HUB_AUDIT_KEY, which the database never holds; events written before have none
    // until `npm run audit -- --sign` signs the histories that verify as they are.
    this.addSql(`alter table "onestop"."dossier_event" add column "signature" text null;`);
    this.addSql(`alter table "onestop"."dossier" add column "history_seal" text null;`);
    // The history is append-only: TRUNCATE, which row triggers do not see, is refused as UPDATE and DELETE are.
    this.addSql(`create trigger "dossier_event_no_truncate" before truncate on "onestop"."dossier_event"
      for each statement execute function "onestop"."dossier_event_is_immutable"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "dossier_event_no_truncate" on "onestop"."dossier_event";`);
    this.addSql(`alter table "onestop"."dossier" drop column "history_seal";`);
    this.addSql(`alter table "onestop"."dossier_event" drop column "signature";`);
  }

}

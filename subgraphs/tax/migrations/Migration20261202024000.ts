import { Migration } from '@mikro-orm/migrations';

export class Migration20261202024000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "tax"."tax_notice" add column "issued_twice" boolean not null default false;`);
    // Notices issued twice before this check (simultaneous issueTaxNotice calls): the first of each leg stays its open notice.
    this.addSql(`update "tax"."tax_notice" n set "issued_twice" = true where n."paid_at" is null and exists (
      select 1 from "tax"."tax_notice" m where m."dossier_code" = n."dossier_code" and m."branch_code" = n."branch_code" and m."paid_at" is null
         and (m."issued_at", m."serial") < (n."issued_at", n."serial"));`);
    this.addSql(`create unique index "tax_notice_open_per_leg" on "tax"."tax_notice" ("dossier_code", "branch_code") where "paid_at" is null and not "issued_twice";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "tax"."tax_notice_open_per_leg";`);
    this.addSql(`alter table "tax"."tax_notice" drop column "issued_twice";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202031000 extends Migration {

  override async up(): Promise<void> {
    // The feed is read in id order, so ids must be visible in that order: a message takes its id only when
    // the message before it has been committed or rolled back (the lock is held until the transaction ends).
    // Without this a reader could pass a lower id still being written and never come back for it.
    this.addSql(`create or replace function "tax"."outbox_in_commit_order"() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('mot-cua-hub:outbox:tax'));
        new.id := nextval(pg_get_serial_sequence('"tax"."outbox"', 'id'));
        return new;
      end $$;`);
    this.addSql(`create trigger "outbox_in_commit_order" before insert on "tax"."outbox" for each row execute function "tax"."outbox_in_commit_order"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "outbox_in_commit_order" on "tax"."outbox";`);
    this.addSql(`drop function if exists "tax"."outbox_in_commit_order"();`);
  }

}

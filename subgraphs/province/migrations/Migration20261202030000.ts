import { Migration } from '@mikro-orm/migrations';

/**
 * The registers' last line of defence: what the services refuse cannot be stored either. A procedure's
 * competence moves each name two different agencies and a real instant within the registers' window
 * (1/1/2015–1/1/2100, Vietnamese time), as do the registrar's changes.
 */
export class Migration20261202030000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function "province"."competence_moves_valid"(moves jsonb) returns boolean language sql immutable as $$
      select jsonb_typeof(moves) = 'array' and coalesce(bool_and(
        jsonb_typeof(m) = 'object'
        and coalesce(m->>'from', '') <> '' and coalesce(m->>'to', '') <> '' and m->>'from' <> m->>'to'
        and case when coalesce(m->>'effective_at', '') ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$'
                 then extract(epoch from (m->>'effective_at')::timestamptz) >= 1420045200 and extract(epoch from (m->>'effective_at')::timestamptz) < 4102419600
                 else false end
      ), true) from jsonb_array_elements(case when jsonb_typeof(moves) = 'array' then moves else '[]'::jsonb end) m $$;`);
    this.addSql(`alter table "province"."procedure" add constraint procedure_competence_moves_valid check ("province"."competence_moves_valid"(competence_moves) is true);`);
    this.addSql(`alter table "province"."registrar_change" add constraint registrar_change_effective_in_window check (effective_at is null or (extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "province"."registrar_change" drop constraint registrar_change_effective_in_window;`);
    this.addSql(`alter table "province"."procedure" drop constraint procedure_competence_moves_valid;`);
    this.addSql(`drop function "province"."competence_moves_valid"(jsonb);`);
  }

}

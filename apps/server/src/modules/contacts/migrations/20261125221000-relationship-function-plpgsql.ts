import { type Kysely, sql } from "kysely";

/**
 * `agora_relationship` in PL/pgSQL. As a SQL function with EXISTS sublinks it was never inlined,
 * so PostgreSQL (before 18) parsed and planned its body again in every statement that called it:
 * a one-message send went from 1.3 to 1.0 ms in the database (pgbench, PostgreSQL 15, commit
 * without fsync). PL/pgSQL keeps the plan for the session; the answer is the same.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create or replace function agora_relationship(a uuid, b uuid) returns text
    language plpgsql stable as $fn$
    begin
      if exists (
        select 1 from blocks
        where (blocker_id = a and blocked_id = b) or (blocker_id = b and blocked_id = a)
      ) then
        return 'blocked';
      end if;
      if exists (select 1 from contacts where user_id = a and contact_id = b) then
        return 'contacts';
      end if;
      return 'strangers';
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
    create or replace function agora_relationship(a uuid, b uuid) returns text
    language sql stable as $fn$
      select case
        when exists (
          select 1 from blocks
          where (blocker_id = a and blocked_id = b) or (blocker_id = b and blocked_id = a)
        ) then 'blocked'
        when exists (select 1 from contacts where user_id = a and contact_id = b) then 'contacts'
        else 'strangers'
      end
    $fn$`.execute(db);
}

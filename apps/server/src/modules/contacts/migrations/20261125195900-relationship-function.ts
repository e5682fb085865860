import { type Kysely, sql } from "kysely";

/**
 * What one person is to another, for other modules' SQL (messaging checks a direct chat inside
 * its batch write): 'blocked' if either blocked the other, 'contacts' if a has b as a contact,
 * else 'strangers'. The contacts module owns this answer, as it owns its tables.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create function agora_relationship(a uuid, b uuid) returns text
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

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_relationship(uuid, uuid)`.execute(db);
}

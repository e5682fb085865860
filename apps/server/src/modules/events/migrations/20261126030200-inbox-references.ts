import { type Kysely, sql } from "kysely";

/**
 * An inbox row may hold a reference instead of a copy: `ref_id` names the row the event is about
 * (a `message.new` holds its message's id), its payload is `{}`, and the module that wrote it
 * renders the payload when the inbox is replayed (`EventsService.resolveReferences`). A message
 * to a group of 500 wrote 500 copies of itself; now it writes 500 ids.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table user_events add column ref_id uuid`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table user_events drop column ref_id`.execute(db);
}

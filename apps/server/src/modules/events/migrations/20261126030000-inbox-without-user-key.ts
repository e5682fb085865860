import { type Kysely, sql } from "kysely";

/**
 * The inbox row's user is checked by its head row instead of a foreign key of its own. Every
 * inbox row is written in the statement that bumps its user's `user_event_heads` row, and that
 * row references `users` (users are never deleted; when they are, heads cascade and the inbox
 * must be deleted with them). The key checked and share-locked the user's row once per inbox
 * row: for a message, one query and one WAL record per member, about a quarter of the database
 * time of a batch of sends together with the two keys on `messages` (see that migration).
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table user_events drop constraint user_events_user_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table user_events add constraint user_events_user_id_fkey
    foreign key (user_id) references users (id) on delete cascade`.execute(db);
}

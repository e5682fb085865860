import { type Kysely, sql } from "kysely";

/** Finding the messages that use a media item, for the media module's access checks. */
export async function up(db: Kysely<unknown>) {
  await sql`create index messages_media on messages (media_id) where media_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index if exists messages_media`.execute(db);
}

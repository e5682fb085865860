import { type Kysely, sql } from "kysely";

/**
 * A message row's conversation and sender are vouched for by the transaction that writes it,
 * not by foreign keys: every writer (the send functions, system lines, service messages) first
 * locks or updates the conversation's row to take the next seq, and checks that the sender is
 * a member (members reference users) or is the member acting. Nothing deletes conversations or
 * users; whatever comes to delete them must delete their messages too.
 *
 * The keys' checks ran one query per message per key and share-locked the user's row (a WAL
 * record each): with the inbox's key (events migration 20261126030000), a batch of 50 direct
 * messages took 5.0–5.3 ms of database time with them and 3.7–4.2 ms without.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table messages drop constraint messages_conversation_id_fkey`.execute(db);
  await sql`alter table messages drop constraint messages_sender_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table messages add constraint messages_conversation_id_fkey
    foreign key (conversation_id) references conversations (id) on delete cascade`.execute(db);
  await sql`alter table messages add constraint messages_sender_id_fkey
    foreign key (sender_id) references users (id) on delete cascade`.execute(db);
}

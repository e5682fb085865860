import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable("user_event_heads")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("last_event_seq", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_events")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("event_seq", "bigint", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("user_events_pk", ["user_id", "event_seq"])
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable("user_events").execute();
  await db.schema.dropTable("user_event_heads").execute();
}

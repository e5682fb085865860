import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable("contact_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("from_user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("to_user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("message", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("responded_at", "timestamptz")
    .execute();
  // At most one pending request from one person to another.
  await sql`create unique index contact_requests_pending_pair on contact_requests (from_user_id, to_user_id) where status = 'pending'`.execute(
    db,
  );
  await sql`create index contact_requests_to_pending on contact_requests (to_user_id, created_at desc) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable("contacts")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("contact_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("contacts_pk", ["user_id", "contact_id"])
    .execute();

  await db.schema
    .createTable("blocks")
    .addColumn("blocker_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("blocked_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("blocks_pk", ["blocker_id", "blocked_id"])
    .execute();
  await db.schema.createIndex("blocks_blocked").on("blocks").columns(["blocked_id", "blocker_id"]).execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable("blocks").execute();
  await db.schema.dropTable("contacts").execute();
  await db.schema.dropTable("contact_requests").execute();
}

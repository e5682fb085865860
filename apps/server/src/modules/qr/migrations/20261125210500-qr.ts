import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  // Codes people show and share: "add me" (user), "pay me" (pay) and group invites (group).
  await db.schema
    .createTable("qr_codes")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('user', 'pay', 'group')`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("conversation_id", "uuid", (c) => c.references("conversations.id").onDelete("cascade"))
    .addColumn("amount", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  // One live "add me" code per person, and one live "pay me" code per person and amount.
  await sql`create unique index qr_codes_user_live on qr_codes (user_id) where kind = 'user' and revoked_at is null`.execute(
    db,
  );
  await sql`create unique index qr_codes_pay_live on qr_codes (user_id, coalesce(amount, 0)) where kind = 'pay' and revoked_at is null`.execute(
    db,
  );
  await sql`create index qr_codes_group on qr_codes (conversation_id, user_id, expires_at desc) where kind = 'group'`.execute(
    db,
  );

  // Web logins by QR: the browser holds a private handle (stored hashed), the code shows `code`.
  await db.schema
    .createTable("qr_logins")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("handle_hash", "text", (c) => c.notNull().unique())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'scanned', 'approved', 'consumed', 'cancelled')`),
    )
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("qr_logins_expires").on("qr_logins").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable("qr_logins").execute();
  await db.schema.dropTable("qr_codes").execute();
}

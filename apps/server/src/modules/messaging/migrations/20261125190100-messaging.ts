import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable("conversations")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('direct', 'group')`))
    .addColumn("title", "text")
    .addColumn("owner_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("direct_key", "text", (c) => c.unique())
    .addColumn("last_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("last_activity_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("conversation_members")
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'member')`))
    .addColumn("visible_after_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("last_read_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("joined_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("conversation_members_pk", ["conversation_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("conversation_members_user")
    .on("conversation_members")
    .columns(["user_id"])
    .execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("sender_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text")
    .addColumn("media_id", "uuid")
    .addColumn("payload", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("recalled_at", "timestamptz")
    .addUniqueConstraint("messages_conversation_seq", ["conversation_id", "seq"])
    .addUniqueConstraint("messages_sender_client", ["sender_id", "client_id"])
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable("messages").execute();
  await db.schema.dropTable("conversation_members").execute();
  await db.schema.dropTable("conversations").execute();
}

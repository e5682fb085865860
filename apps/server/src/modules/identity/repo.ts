import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { UserRow } from "./schema.ts";

export class IdentityRepo {
  constructor(private readonly db: Executor) {}

  async insertUser(row: { id: string; handle: string; display_name: string; password_hash: string }) {
    const inserted = await this.db
      .insertInto("users")
      .values(row)
      .onConflict((oc) => oc.column("handle").doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? null;
  }

  userById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  userByHandle(handle: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("handle", "=", handle).executeTakeFirst();
  }

  userWithAvatar(mediaId: string) {
    return this.db.selectFrom("users").select("id").where("avatar_media_id", "=", mediaId).executeTakeFirst();
  }

  usersByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom("users").selectAll().where("id", "in", ids).execute();
  }

  /** Handle prefix first, then display-name matches (prefix of any word, then anywhere). */
  search(q: string, excludeIds: readonly string[], limit: number): Promise<UserRow[]> {
    const lower = q.toLowerCase();
    const escaped = lower.replace(/[\\%_]/g, (c) => `\\${c}`);
    let query = this.db
      .selectFrom("users")
      .selectAll()
      .where((eb) =>
        eb.or([eb("handle", "like", `${escaped}%`), eb(sql`lower(display_name)`, "like", `%${escaped}%`)]),
      );
    if (excludeIds.length > 0) query = query.where("id", "not in", excludeIds);
    return query
      .orderBy(sql`case when handle = ${lower} then 0 when handle like ${`${escaped}%`} then 1 else 2 end`)
      .orderBy(sql`lower(display_name)`)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  updateUser(id: string, patch: { display_name?: string; avatar_media_id?: string | null }) {
    return this.db
      .updateTable("users")
      .set(patch)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  insertSession(row: {
    id: string;
    user_id: string;
    token_hash: string;
    user_agent: string | null;
    expires_at: Date;
  }) {
    return this.db.insertInto("sessions").values(row).execute();
  }

  sessionByTokenHash(tokenHash: string) {
    return this.db
      .selectFrom("sessions")
      .select(["id", "user_id", "expires_at", "last_seen_at"])
      .where("token_hash", "=", tokenHash)
      .where("revoked", "=", false)
      .executeTakeFirst();
  }

  touchSession(id: string, now: Date, expiresAt: Date) {
    return this.db
      .updateTable("sessions")
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where("id", "=", id)
      .execute();
  }

  revokeSession(id: string) {
    return this.db.updateTable("sessions").set({ revoked: true }).where("id", "=", id).execute();
  }
}

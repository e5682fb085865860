import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { QrCodeRow, QrLoginRow, QrLoginState } from "./schema.ts";

export class QrRepo {
  constructor(private readonly db: Executor) {}

  code(token: string): Promise<QrCodeRow | undefined> {
    return this.db.selectFrom("qr_codes").selectAll().where("token", "=", token).executeTakeFirst();
  }

  /** The live "add me" code, or the live "pay me" code for this amount (null: payer chooses). */
  liveCode(userId: string, kind: "user" | "pay", amount: number | null): Promise<QrCodeRow | undefined> {
    let q = this.db
      .selectFrom("qr_codes")
      .selectAll()
      .where("user_id", "=", userId)
      .where("kind", "=", kind)
      .where("revoked_at", "is", null);
    if (kind === "pay") q = q.where(sql<number>`coalesce(amount, 0)`, "=", amount ?? 0);
    return q.executeTakeFirst();
  }

  /** Inserts a code; null when a concurrent call already made the live one. */
  async insertCode(row: {
    token: string;
    kind: "user" | "pay" | "group";
    user_id: string;
    conversation_id?: string | null;
    amount?: number | null;
    expires_at?: Date | null;
  }): Promise<QrCodeRow | null> {
    const inserted = await this.db
      .insertInto("qr_codes")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? null;
  }

  revokeLongLived(userId: string, at: Date) {
    return this.db
      .updateTable("qr_codes")
      .set({ revoked_at: at })
      .where("user_id", "=", userId)
      .where("kind", "in", ["user", "pay"])
      .where("revoked_at", "is", null)
      .execute();
  }

  /** My newest group invite for this conversation that is good until at least `until`. */
  freshInvite(conversationId: string, userId: string, until: Date): Promise<QrCodeRow | undefined> {
    return this.db
      .selectFrom("qr_codes")
      .selectAll()
      .where("kind", "=", "group")
      .where("conversation_id", "=", conversationId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", until)
      .orderBy("expires_at", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  insertLogin(row: {
    id: string;
    handle_hash: string;
    code: string;
    user_agent: string | null;
    expires_at: Date;
  }) {
    return this.db
      .insertInto("qr_logins")
      .values({ ...row, status: "pending" })
      .execute();
  }

  loginByHandleHash(handleHash: string): Promise<QrLoginRow | undefined> {
    return this.db
      .selectFrom("qr_logins")
      .selectAll()
      .where("handle_hash", "=", handleHash)
      .executeTakeFirst();
  }

  loginByCode(code: string): Promise<QrLoginRow | undefined> {
    return this.db.selectFrom("qr_logins").selectAll().where("code", "=", code).executeTakeFirst();
  }

  loginById(id: string): Promise<QrLoginRow | undefined> {
    return this.db.selectFrom("qr_logins").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /**
   * Moves a live login from one of `from` to `to` in one statement, so that of two concurrent
   * calls only one wins (a code approves once, a session is handed out once).
   */
  async transition(
    where: { code: string } | { id: string },
    from: readonly QrLoginState[],
    to: QrLoginState,
    now: Date,
    set: { user_id?: string; expires_at?: Date } = {},
  ): Promise<QrLoginRow | undefined> {
    let q = this.db
      .updateTable("qr_logins")
      .set({ status: to, ...set })
      .where("status", "in", from)
      .where("expires_at", ">", now);
    q = "code" in where ? q.where("code", "=", where.code) : q.where("id", "=", where.id);
    return q.returningAll().executeTakeFirst();
  }

  /** Forgets logins that ended long ago (they are worth nothing once expired). */
  deleteLoginsBefore(before: Date) {
    return this.db.deleteFrom("qr_logins").where("expires_at", "<", before).execute();
  }
}

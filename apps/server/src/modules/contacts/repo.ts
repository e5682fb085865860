import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { ContactRequestStatus } from "./schema.ts";

export class ContactsRepo {
  constructor(private readonly db: Executor) {}

  insertRequest(row: { id: string; from_user_id: string; to_user_id: string; message: string | null }) {
    return this.db
      .insertInto("contact_requests")
      .values({ ...row, status: "pending" })
      .onConflict((oc) =>
        oc.columns(["from_user_id", "to_user_id"]).where("status", "=", "pending").doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  pendingBetween(fromId: string, toId: string) {
    return this.db
      .selectFrom("contact_requests")
      .selectAll()
      .where("from_user_id", "=", fromId)
      .where("to_user_id", "=", toId)
      .where("status", "=", "pending")
      .executeTakeFirst();
  }

  requestById(id: string) {
    return this.db.selectFrom("contact_requests").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Locks the request row, so two accepts or an accept and a decline serialize. */
  requestForUpdate(id: string) {
    return this.db
      .selectFrom("contact_requests")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
  }

  pendingFor(userId: string) {
    return this.db
      .selectFrom("contact_requests")
      .selectAll()
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("to_user_id", "=", userId), eb("from_user_id", "=", userId)]))
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(500)
      .execute();
  }

  setStatus(id: string, status: ContactRequestStatus) {
    return this.db
      .updateTable("contact_requests")
      .set({ status, responded_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Settles every pending request between two people, either way. */
  settlePendingBetween(a: string, b: string, status: ContactRequestStatus) {
    return this.db
      .updateTable("contact_requests")
      .set({ status, responded_at: new Date() })
      .where("status", "=", "pending")
      .where((eb) =>
        eb.or([
          eb.and([eb("from_user_id", "=", a), eb("to_user_id", "=", b)]),
          eb.and([eb("from_user_id", "=", b), eb("to_user_id", "=", a)]),
        ]),
      )
      .execute();
  }

  async link(a: string, b: string) {
    await this.db
      .insertInto("contacts")
      .values([
        { user_id: a, contact_id: b },
        { user_id: b, contact_id: a },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async unlink(a: string, b: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("contacts")
      .where((eb) =>
        eb.or([
          eb.and([eb("user_id", "=", a), eb("contact_id", "=", b)]),
          eb.and([eb("user_id", "=", b), eb("contact_id", "=", a)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async areContacts(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("contacts")
      .select("user_id")
      .where("user_id", "=", a)
      .where("contact_id", "=", b)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A page of contacts by (lower display name, id). */
  contactPage(userId: string, after: [string, string] | null, limit: number) {
    let q = this.db
      .selectFrom("contacts")
      .innerJoin("users", "users.id", "contacts.contact_id")
      .select(["users.id", sql<string>`lower(users.display_name)`.as("sort_name")])
      .where("contacts.user_id", "=", userId);
    if (after) {
      q = q.where((eb) =>
        eb(eb.refTuple(sql`lower(users.display_name)`, "users.id"), ">", eb.tuple(after[0], after[1])),
      );
    }
    return q.orderBy(sql`lower(users.display_name)`).orderBy("users.id").limit(limit).execute();
  }

  contactIds(userId: string) {
    return this.db.selectFrom("contacts").select("contact_id").where("user_id", "=", userId).execute();
  }

  async block(blocker: string, blocked: string) {
    await this.db
      .insertInto("blocks")
      .values({ blocker_id: blocker, blocked_id: blocked })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async unblock(blocker: string, blocked: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom("blocks")
      .where("blocker_id", "=", blocker)
      .where("blocked_id", "=", blocked)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Whether either of the two blocked the other. */
  async blockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("blocks")
      .select("blocker_id")
      .where((eb) =>
        eb.or([
          eb.and([eb("blocker_id", "=", a), eb("blocked_id", "=", b)]),
          eb.and([eb("blocker_id", "=", b), eb("blocked_id", "=", a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  blockedBy(blocker: string) {
    return this.db
      .selectFrom("blocks")
      .select(["blocked_id", "created_at"])
      .where("blocker_id", "=", blocker)
      .orderBy("created_at", "desc")
      .limit(1000)
      .execute();
  }

  blockersOf(userId: string) {
    return this.db.selectFrom("blocks").select("blocker_id").where("blocked_id", "=", userId).execute();
  }
}

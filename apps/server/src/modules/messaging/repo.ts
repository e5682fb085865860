import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import { PREPARED } from "../../platform/prepared-pool.ts";
import type { ConversationRow, MemberRow, MessageRow } from "./schema.ts";

export interface BatchInput {
  /** Position in the batch: seqs follow it within a conversation. */
  n: number;
  id: string;
  conv: string;
  sender: string;
  cid: string;
  kind: string;
  text: string | null;
  media: string | null;
  payload: Record<string, unknown> | null;
  /** ISO time. */
  at: string;
}

export interface BatchOutput {
  /** Batch position → seq, for the inputs that were stored. */
  seqs: Map<number, number>;
  events: { userId: string; eventSeq: number; messageId: string }[];
  /** Batch position → why it was not stored. */
  rejected: Map<number, RejectReason>;
}

export type RejectReason = "not_member" | "duplicate" | "blocked" | "strangers";

export class MessagingRepo {
  constructor(private readonly db: Executor) {}

  conversation(id: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Locks the conversation: membership changes and seq allocation serialize on this row. */
  conversationForUpdate(id: string): Promise<ConversationRow | undefined> {
    return this.db
      .selectFrom("conversations")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
  }

  directByKey(key: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom("conversations").selectAll().where("direct_key", "=", key).executeTakeFirst();
  }

  async insertConversation(row: {
    id: string;
    type: "direct" | "group";
    title: string | null;
    owner_id: string | null;
    direct_key: string | null;
  }): Promise<ConversationRow | undefined> {
    return this.db
      .insertInto("conversations")
      .values({ ...row, last_seq: 0, last_activity_at: new Date() })
      .onConflict((oc) => oc.column("direct_key").doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async insertMembers(
    conversationId: string,
    members: { userId: string; role: "owner" | "member" }[],
    visibleAfterSeq: number,
  ) {
    if (members.length === 0) return;
    await this.db
      .insertInto("conversation_members")
      .values(
        members.map((m) => ({
          conversation_id: conversationId,
          user_id: m.userId,
          role: m.role,
          visible_after_seq: visibleAfterSeq,
          last_read_seq: visibleAfterSeq,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  member(conversationId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom("conversation_members")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  /** Members in the order they joined. */
  members(conversationIds: readonly string[]): Promise<MemberRow[]> {
    if (conversationIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("conversation_members")
      .selectAll()
      .where("conversation_id", "in", conversationIds)
      .orderBy("joined_at")
      .orderBy("user_id")
      .execute();
  }

  async memberIds(conversationId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("conversation_members")
      .select("user_id")
      .where("conversation_id", "=", conversationId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  removeMember(conversationId: string, userId: string) {
    return this.db
      .deleteFrom("conversation_members")
      .where("conversation_id", "=", conversationId)
      .where("user_id", "=", userId)
      .execute();
  }

  setRole(conversationId: string, userId: string, role: "owner" | "member") {
    return this.db
      .updateTable("conversation_members")
      .set({ role })
      .where("conversation_id", "=", conversationId)
      .where("user_id", "=", userId)
      .execute();
  }

  updateConversation(id: string, patch: { title?: string; owner_id?: string | null }) {
    return this.db.updateTable("conversations").set(patch).where("id", "=", id).execute();
  }

  /**
   * Stores many messages, for many conversations, in one transaction (group commit):
   * conversations are locked in id order, then each valid message gets the next seq of its
   * conversation (in input order), the senders' read marks move, and every member's inbox gets
   * one `message.new` per message (head rows bumped once per user, in user order). An input whose
   * sender is not a member, whose clientId is already used, or who may no longer write in a
   * direct chat, is rejected with its reason. A lone message (an idle server's every send) takes
   * `agora_send_one`, the same checks and writes in a few simple statements: half the database
   * time of the batch function for one item.
   */
  async sendBatch(items: readonly BatchInput[]): Promise<BatchOutput> {
    type Out = {
      out: {
        seqs: [number, number][];
        events: [string, number, string][];
        rejected: [number, RejectReason][];
      };
    };
    const lone = items.length === 1;
    const call = sql.raw(lone ? "agora_send_one" : "agora_send_messages");
    const arg = JSON.stringify(lone ? items[0] : items);
    const { rows } = await sql<Out>`${sql.raw(PREPARED)} select ${call}(${arg}::jsonb) as out`.execute(
      this.db,
    );
    const out = rows[0]?.out;
    return {
      seqs: new Map((out?.seqs ?? []).map(([n, seq]) => [Number(n), Number(seq)])),
      events: (out?.events ?? []).map(([userId, eventSeq, messageId]) => ({
        userId,
        eventSeq: Number(eventSeq),
        messageId,
      })),
      rejected: new Map((out?.rejected ?? []).map(([n, reason]) => [Number(n), reason])),
    };
  }

  /** Allocates the next seq; the row stays locked until the transaction ends, so seqs have no gaps. */
  async nextSeq(conversationId: string): Promise<number> {
    const row = await this.db
      .updateTable("conversations")
      .set({ last_seq: sql`last_seq + 1`, last_activity_at: new Date() })
      .where("id", "=", conversationId)
      .returning("last_seq")
      .executeTakeFirstOrThrow();
    return Number(row.last_seq);
  }

  insertMessage(row: {
    id: string;
    conversation_id: string;
    seq: number;
    sender_id: string;
    client_id: string;
    kind: string;
    text: string | null;
    media_id: string | null;
    payload: string | null;
  }): Promise<MessageRow> {
    return this.db.insertInto("messages").values(row).returningAll().executeTakeFirstOrThrow();
  }

  messageBySenderClient(senderId: string, clientId: string): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("sender_id", "=", senderId)
      .where("client_id", "=", clientId)
      .executeTakeFirst();
  }

  messagesByIds(ids: readonly string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom("messages").selectAll().where("id", "in", ids).execute();
  }

  message(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
  }

  messageForUpdate(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom("messages").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  }

  /** A window of messages in seq order: after a seq, before a seq, or the newest. */
  async messages(
    conversationId: string,
    visibleAfter: number,
    range: { afterSeq?: number | undefined; beforeSeq?: number | undefined },
    limit: number,
  ): Promise<MessageRow[]> {
    let q = this.db
      .selectFrom("messages")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .where("seq", ">", Math.max(visibleAfter, range.afterSeq ?? 0));
    if (range.beforeSeq !== undefined) q = q.where("seq", "<", range.beforeSeq);
    if (range.afterSeq !== undefined) return q.orderBy("seq", "asc").limit(limit).execute();
    const newestFirst = await q.orderBy("seq", "desc").limit(limit).execute();
    return newestFirst.reverse();
  }

  /**
   * Unread messages per conversation after a read mark, in one query: people's messages only,
   * as in WeChat (system lines and recalled messages don't count).
   */
  async unreadCounts(marks: readonly { id: string; after: number }[]): Promise<Map<string, number>> {
    if (marks.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("messages")
      .select(["conversation_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where((eb) =>
        eb.or(marks.map((m) => eb.and([eb("conversation_id", "=", m.id), eb("seq", ">", m.after)]))),
      )
      .where("kind", "<>", "system")
      .where("recalled_at", "is", null)
      .groupBy("conversation_id")
      .execute();
    return new Map(rows.map((r) => [r.conversation_id, Number(r.n)]));
  }

  /** The newest message of each conversation, in one query. */
  lastMessages(conversations: readonly { id: string; last_seq: number }[]): Promise<MessageRow[]> {
    const withMessages = conversations.filter((c) => Number(c.last_seq) > 0);
    if (withMessages.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where((eb) =>
        eb.or(
          withMessages.map((c) => eb.and([eb("conversation_id", "=", c.id), eb("seq", "=", c.last_seq)])),
        ),
      )
      .execute();
  }

  /** My conversations by last activity, newest first, after a (time, id) key. */
  conversationPage(userId: string, after: [string, string] | null, limit: number) {
    let q = this.db
      .selectFrom("conversation_members as m")
      .innerJoin("conversations as c", "c.id", "m.conversation_id")
      .selectAll("c")
      .select(["m.last_read_seq", "m.visible_after_seq"])
      .where("m.user_id", "=", userId);
    if (after) {
      q = q.where((eb) =>
        eb(
          eb.refTuple("c.last_activity_at", "c.id"),
          "<",
          eb.tuple(new Date(after[0]) as unknown as Date, after[1]),
        ),
      );
    }
    return q.orderBy("c.last_activity_at", "desc").orderBy("c.id", "desc").limit(limit).execute();
  }

  async memberSeesMedia(userId: string, mediaId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("messages as m")
      .innerJoin("conversation_members as cm", (j) =>
        j.onRef("cm.conversation_id", "=", "m.conversation_id").on("cm.user_id", "=", userId),
      )
      .select("m.id")
      .where("m.media_id", "=", mediaId)
      .where("m.recalled_at", "is", null)
      .whereRef("m.seq", ">", "cm.visible_after_seq")
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async markRead(conversationId: string, userId: string, seq: number): Promise<number | null> {
    const row = await this.db
      .updateTable("conversation_members")
      .set({ last_read_seq: sql`greatest(last_read_seq, ${seq})` })
      .where("conversation_id", "=", conversationId)
      .where("user_id", "=", userId)
      .where("last_read_seq", "<", seq)
      .returning("last_read_seq")
      .executeTakeFirst();
    return row ? Number(row.last_read_seq) : null;
  }

  recall(id: string, at: Date): Promise<MessageRow> {
    return this.db
      .updateTable("messages")
      .set({ recalled_at: at, text: null, media_id: null, payload: null })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Each member's read mark and the seq after which they see messages (who was there when a message was sent). */
  readMarks(conversationId: string) {
    return this.db
      .selectFrom("conversation_members")
      .select(["user_id", "last_read_seq", "visible_after_seq"])
      .where("conversation_id", "=", conversationId)
      .orderBy("joined_at")
      .orderBy("user_id")
      .execute();
  }
}

import type { User } from "@agora/protocol/identity";
import type { Media } from "@agora/protocol/media";
import {
  type Conversation,
  MAX_GROUP_MEMBERS,
  type Message,
  type MessageKind,
  type MessageReads,
  RECALL_WINDOW_MS,
  STICKERS,
} from "@agora/protocol/messaging";
import type { Delivery } from "../../platform/bus.ts";
import { decodeCursor, encodeCursor } from "../../platform/cursor.ts";
import type { Db, Tx } from "../../platform/db.ts";
import { BadRequest, Forbidden, NotFound, Unprocessable } from "../../platform/errors.ts";
import { GroupCommit } from "../../platform/group-commit.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { ContactsService } from "../contacts/service.ts";
import { type Emit, type EventsService, framesOf } from "../events/service.ts";
import type { IdentityService } from "../identity/service.ts";
import { type BatchOutput, MessagingRepo, type RejectReason } from "./repo.ts";
import type { ConversationRow, MemberRow, MessageRow } from "./schema.ts";

/** Checks that a media item may be attached by this user (the media module answers). */
export interface MediaGate {
  assertAttachable(userId: string, mediaId: string, kind: "image" | "voice" | "file"): Promise<Media>;
}

export interface SendInput {
  clientId: string;
  kind: MessageKind;
  text?: string | undefined;
  mediaId?: string | undefined;
  payload?: Record<string, unknown> | undefined;
}

interface PendingSend {
  message: Message;
  content: { kind: string; text: string | null; media_id: string | null; payload: string | null };
}

type SendOutcome = { seq: number } | { rejected: RejectReason } | { error: unknown };

export type SendResult = { message: Message; created: boolean };
/** A send whose content was checked, ready for the batch write. */
export type PreparedSend = PendingSend;

/** Kinds other services create (wallet, server); a client can't forge them. */
const SERVER_KINDS = new Set<MessageKind>(["transfer", "red_packet", "system"]);

export function toMessageView(row: MessageRow): Message {
  const recalled = row.recalled_at !== null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientId: row.client_id,
    kind: row.kind as MessageKind,
    text: recalled ? null : row.text,
    mediaId: recalled ? null : row.media_id,
    payload: recalled ? null : row.payload,
    createdAt: row.created_at.toISOString(),
    recalled,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";
}

export class MessagingService {
  readonly #repo: MessagingRepo;
  /** Concurrent sends share transactions (group commit); see #writeSends. */
  readonly #sends = new GroupCommit<PendingSend, SendOutcome>((batch) => this.#writeSends(batch));
  /** Batches written and their sizes (tests check which sends shared one). */
  readonly sendBatchStats = { batches: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly identity: IdentityService,
    private readonly contacts: ContactsService,
    private readonly media: MediaGate,
  ) {
    this.#repo = new MessagingRepo(db);
    // Sends store each member's message.new as the message's id; replay renders it as it is now.
    events.resolveReferences("message.new", async (ids) => {
      const rows = await this.#repo.messagesByIds(ids);
      return new Map(rows.map((row) => [row.id, { message: toMessageView(row) }]));
    });
  }

  /** The direct chat with a contact: the existing one (`created: false`) or a new one. */
  async openDirect(meId: string, otherId: string): Promise<{ conversation: Conversation; created: boolean }> {
    if (otherId === meId) throw new BadRequest("cannot_message_self", "Pick someone else to chat with.");
    if (!(await this.identity.exists(otherId))) throw new NotFound("user", "user_not_found");
    if (await this.contacts.blockedEitherWay(meId, otherId))
      throw new Forbidden("blocked", "You can't message this person.");
    const key = [meId, otherId].sort().join(":");
    const existing = await this.#repo.directByKey(key);
    if (existing) return { conversation: await this.view(meId, existing.id), created: false };
    if (!(await this.contacts.areContacts(meId, otherId))) {
      throw new Forbidden("not_contacts", "You can chat with your contacts; send a contact request first.");
    }
    const id = await this.db.transaction().execute(async (tx) => {
      const repo = new MessagingRepo(tx);
      const row = await repo.insertConversation({
        id: newId(),
        type: "direct",
        title: null,
        owner_id: null,
        direct_key: key,
      });
      if (!row) return undefined;
      await repo.insertMembers(
        row.id,
        [
          { userId: meId, role: "member" },
          { userId: otherId, role: "member" },
        ],
        0,
      );
      return row.id;
    });
    // Lost a race with the other person opening the same chat: theirs is ours.
    const conversationId = id ?? (await this.#repo.directByKey(key))?.id;
    if (!conversationId) throw new NotFound("conversation", "conversation_not_found");
    return { conversation: await this.view(meId, conversationId), created: id !== undefined };
  }

  async createGroup(meId: string, title: string, memberIds: readonly string[]): Promise<Conversation> {
    const others = [...new Set(memberIds)].filter((id) => id !== meId);
    if (others.length + 1 > MAX_GROUP_MEMBERS) {
      throw new Unprocessable("group_full", `A group has at most ${MAX_GROUP_MEMBERS} members.`);
    }
    await this.#assertAllContacts(meId, others);
    const id = newId();
    await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      await repo.insertConversation({ id, type: "group", title, owner_id: meId, direct_key: null });
      await repo.insertMembers(
        id,
        [{ userId: meId, role: "owner" }, ...others.map((u) => ({ userId: u, role: "member" as const }))],
        0,
      );
      await this.#system(tx, emit, id, meId, { event: "group.created", title, userIds: others });
    });
    return this.view(meId, id);
  }

  async rename(meId: string, conversationId: string, title: string): Promise<Conversation> {
    await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      await this.#ownedGroup(repo, meId, conversationId);
      await repo.updateConversation(conversationId, { title });
      await this.#system(tx, emit, conversationId, meId, { event: "group.renamed", title });
      await this.#announce(repo, emit, conversationId);
    });
    return this.view(meId, conversationId);
  }

  async addMembers(meId: string, conversationId: string, userIds: readonly string[]): Promise<Conversation> {
    const wanted = [...new Set(userIds)].filter((id) => id !== meId);
    await this.#assertAllContacts(meId, wanted);
    await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      const conv = await this.#ownedGroup(repo, meId, conversationId);
      const present = new Set(await repo.memberIds(conversationId));
      const added = wanted.filter((u) => !present.has(u));
      if (added.length === 0) return;
      if (present.size + added.length > MAX_GROUP_MEMBERS) {
        throw new Unprocessable("group_full", `A group has at most ${MAX_GROUP_MEMBERS} members.`);
      }
      // New members see the conversation from the moment they join, as in WeChat.
      await repo.insertMembers(
        conversationId,
        added.map((u) => ({ userId: u, role: "member" as const })),
        Number(conv.last_seq),
      );
      await this.#system(tx, emit, conversationId, meId, { event: "members.added", userIds: added });
      await this.#announce(repo, emit, conversationId);
    });
    return this.view(meId, conversationId);
  }

  /** The owner removes someone, or a member leaves; an owner who leaves hands the group on. */
  async removeMember(meId: string, conversationId: string, userId: string) {
    await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      const conv = await this.#memberConversation(repo, meId, conversationId, true);
      if (conv.type !== "group")
        throw new Unprocessable("not_a_group", "Only groups have members to remove.");
      const leaving = userId === meId;
      if (!leaving && conv.owner_id !== meId)
        throw new Forbidden("not_owner", "Only the group's owner can remove people.");
      if (!leaving && !(await repo.member(conversationId, userId)))
        throw new NotFound("member", "member_not_found");
      await this.#system(tx, emit, conversationId, meId, {
        event: leaving ? "member.left" : "member.removed",
        userIds: [userId],
      });
      await repo.removeMember(conversationId, userId);
      await emit([userId], "conversation.removed", { conversationId });
      if (leaving && conv.owner_id === meId) {
        const next = (await repo.members([conversationId]))[0];
        await repo.updateConversation(conversationId, { owner_id: next?.user_id ?? null });
        if (next) await repo.setRole(conversationId, next.user_id, "owner");
      }
      await this.#announce(repo, emit, conversationId);
    });
  }

  async send(meId: string, conversationId: string, input: SendInput): Promise<SendResult> {
    return this.commitSend(await this.prepareSend(meId, conversationId, input));
  }

  /**
   * The checks of a send (membership, contacts, content), without writing it. Sends committed
   * in the order they were prepared get seqs in that order (a socket's frames keep their order).
   */
  async prepareSend(meId: string, conversationId: string, input: SendInput): Promise<PreparedSend> {
    if (!isId(conversationId)) throw new NotFound("conversation", "conversation_not_found");
    // Membership, contacts and blocks are checked by the batch write itself (one round trip).
    const content = await this.#content(meId, input);
    const message: Message = {
      id: newId(),
      conversationId,
      seq: 0,
      senderId: meId,
      clientId: input.clientId,
      kind: content.kind as MessageKind,
      text: content.text,
      mediaId: content.media_id,
      payload: content.payload === null ? null : (JSON.parse(content.payload) as Record<string, unknown>),
      createdAt: new Date().toISOString(),
      recalled: false,
    };
    return { message, content };
  }

  async commitSend(prepared: PreparedSend): Promise<SendResult> {
    const { message } = prepared;
    const outcome = await this.#sends.submit(prepared);
    if ("error" in outcome) throw outcome.error;
    if ("seq" in outcome) return { message: { ...message, seq: outcome.seq }, created: true };
    switch (outcome.rejected) {
      case "blocked":
        throw new Forbidden("blocked", "You can't message this person.");
      case "strangers":
        throw new Forbidden("not_contacts", "You are no longer contacts; send a contact request first.");
      default: {
        // Already sent with this clientId (the first one is the answer), or not a member.
        const earlier = await this.#repo.messageBySenderClient(message.senderId, message.clientId);
        if (earlier) return { message: toMessageView(earlier), created: false };
        throw new NotFound("conversation", "conversation_not_found");
      }
    }
  }

  /**
   * Writes a batch of sends in one transaction and publishes their events together. If the
   * batch fails as a whole (a clientId raced in from another node, a deadlock), each send is
   * written on its own, so one bad send never fails the others.
   */
  async #writeSends(batch: PendingSend[]): Promise<SendOutcome[]> {
    let out: BatchOutput;
    try {
      out = await this.#repo.sendBatch(
        batch.map(({ message, content }, n) => ({
          n,
          id: message.id,
          conv: message.conversationId,
          sender: message.senderId,
          cid: message.clientId,
          kind: content.kind,
          text: content.text,
          media: content.media_id,
          payload: message.payload,
          at: message.createdAt,
        })),
      );
    } catch (err) {
      if (batch.length > 1) {
        const outcomes: SendOutcome[] = [];
        for (const one of batch) outcomes.push(...(await this.#writeSends([one])));
        return outcomes;
      }
      // A clientId that raced in meanwhile: the first one is the answer.
      return [isUniqueViolation(err) ? { rejected: "duplicate" } : { error: err }];
    }
    this.sendBatchStats.batches++;
    this.sendBatchStats.largest = Math.max(this.sendBatchStats.largest, batch.length);
    // Each message serialized once for all of its members' frames.
    const framesById = new Map(
      batch.map(({ message }, n) => [
        message.id,
        framesOf("message.new", new Date(message.createdAt), {
          message: { ...message, seq: out.seqs.get(n) ?? 0 },
        }),
      ]),
    );
    const deliveries: Delivery[] = [];
    for (const { userId, eventSeq, messageId } of out.events) {
      const frameFor = framesById.get(messageId);
      if (frameFor) deliveries.push({ userId, eventSeq, frame: frameFor(eventSeq) });
    }
    // Recipients first, this batch's senders last (each user's events keep their order): a
    // sender's screen already shows the message, a recipient's doesn't. A socket's frames of
    // this turn are written when the turn ends, sockets in the order they were first written
    // to, and the first write to an idle client costs a wake-up (0.05-0.08 ms here): it now
    // goes to a recipient instead of to the sender's echo and ack.
    const senders = new Set(batch.map(({ message }) => message.senderId));
    await this.events.publish([
      ...deliveries.filter((d) => !senders.has(d.userId)),
      ...deliveries.filter((d) => senders.has(d.userId)),
    ]);
    return batch.map((_, n) => {
      const seq = out.seqs.get(n);
      return seq === undefined ? { rejected: out.rejected.get(n) ?? "not_member" } : { seq };
    });
  }

  async messages(
    meId: string,
    conversationId: string,
    range: { afterSeq?: number | undefined; beforeSeq?: number | undefined },
    limit: number,
  ): Promise<Message[]> {
    const member = isId(conversationId) ? await this.#repo.member(conversationId, meId) : undefined;
    if (!member) throw new NotFound("conversation", "conversation_not_found");
    const rows = await this.#repo.messages(conversationId, Number(member.visible_after_seq), range, limit);
    return rows.map(toMessageView);
  }

  async recall(meId: string, messageId: string, now = new Date()): Promise<Message> {
    const row = await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      const msg = isId(messageId) ? await repo.messageForUpdate(messageId) : undefined;
      const member = msg ? await repo.member(msg.conversation_id, meId) : undefined;
      if (!msg || !member || Number(msg.seq) <= Number(member.visible_after_seq)) {
        throw new NotFound("message", "message_not_found");
      }
      if (msg.sender_id !== meId) throw new Forbidden("not_sender", "Only the sender can recall a message.");
      if (msg.recalled_at) return msg;
      if (now.getTime() - msg.created_at.getTime() > RECALL_WINDOW_MS) {
        throw new Unprocessable(
          "recall_window_passed",
          "Messages can be recalled within 2 minutes of sending.",
        );
      }
      const recalled = await repo.recall(msg.id, now);
      await emit(await repo.memberIds(msg.conversation_id), "message.recalled", {
        messageId: msg.id,
        conversationId: msg.conversation_id,
      });
      return recalled;
    });
    return toMessageView(row);
  }

  async markRead(meId: string, conversationId: string, seq: number) {
    await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      const conv = await this.#memberConversation(repo, meId, conversationId);
      const upTo = Math.min(seq, Number(conv.last_seq));
      const moved = await repo.markRead(conversationId, meId, upTo);
      if (moved === null) return;
      // Read receipts go to everyone in a direct chat; in a group only to my own devices.
      const audience = conv.type === "direct" ? await repo.memberIds(conversationId) : [meId];
      await emit(audience, "receipt.read", { conversationId, userId: meId, seq: moved });
    });
  }

  async list(meId: string, cursor: string | undefined, limit: number) {
    const after = decodeCursor(cursor, 2) as [string, string] | null;
    const rows = await this.#repo.conversationPage(meId, after, limit + 1);
    const pageRows = rows.slice(0, limit);
    const items = await this.#views(pageRows);
    const last = pageRows.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.last_activity_at.toISOString(), last.id]) : null,
    };
  }

  async view(meId: string, conversationId: string): Promise<Conversation> {
    const member = isId(conversationId) ? await this.#repo.member(conversationId, meId) : undefined;
    const conv = member ? await this.#repo.conversation(conversationId) : undefined;
    if (!member || !conv) throw new NotFound("conversation", "conversation_not_found");
    const [view] = await this.#views([
      { ...conv, last_read_seq: member.last_read_seq, visible_after_seq: member.visible_after_seq },
    ]);
    return view as Conversation;
  }

  /** Whether a message the viewer can see uses this media item. */
  canViewMedia(viewerId: string, mediaId: string): Promise<boolean> {
    return this.#repo.memberSeesMedia(viewerId, mediaId);
  }

  /** Who else should see that `userId` is typing here (nobody, if they are not a member). */
  async typingAudience(userId: string, conversationId: string): Promise<string[]> {
    if (!isId(conversationId)) return [];
    const ids = await this.#repo.memberIds(conversationId);
    return ids.includes(userId) ? ids.filter((id) => id !== userId) : [];
  }

  async #views(
    rows: (ConversationRow & { last_read_seq: number; visible_after_seq: number })[],
  ): Promise<Conversation[]> {
    const ids = rows.map((r) => r.id);
    const readFrom = (r: (typeof rows)[number]) =>
      Math.max(Number(r.last_read_seq), Number(r.visible_after_seq));
    const [members, lastMessages, unread] = await Promise.all([
      this.#repo.members(ids),
      this.#repo.lastMessages(rows),
      this.#repo.unreadCounts(
        rows.filter((r) => Number(r.last_seq) > readFrom(r)).map((r) => ({ id: r.id, after: readFrom(r) })),
      ),
    ]);
    const users = new Map<string, User>(
      (await this.identity.getUsers([...new Set(members.map((m) => m.user_id))])).map((u) => [u.id, u]),
    );
    const membersOf = new Map<string, MemberRow[]>();
    for (const m of members)
      membersOf.set(m.conversation_id, [...(membersOf.get(m.conversation_id) ?? []), m]);
    const lastOf = new Map(lastMessages.map((m) => [m.conversation_id, m]));
    return rows.map((r) => {
      const ms = membersOf.get(r.id) ?? [];
      const last = lastOf.get(r.id);
      return {
        id: r.id,
        type: r.type,
        title: r.title,
        members: ms.flatMap((m) => users.get(m.user_id) ?? []),
        ownerId: r.owner_id,
        lastMessage: last && Number(last.seq) > Number(r.visible_after_seq) ? toMessageView(last) : null,
        unread: unread.get(r.id) ?? 0,
        readSeq: readFrom(r),
        readSeqs: Object.fromEntries(ms.map((m) => [m.user_id, Number(m.last_read_seq)])),
        createdAt: r.created_at.toISOString(),
        updatedAt: r.last_activity_at.toISOString(),
      };
    });
  }

  /** The conversation if I am a member (optionally locking it); 404 otherwise, whether it exists or not. */
  async #memberConversation(repo: MessagingRepo, meId: string, conversationId: string, lock = false) {
    const member = isId(conversationId) ? await repo.member(conversationId, meId) : undefined;
    const conv = member
      ? lock
        ? await repo.conversationForUpdate(conversationId)
        : await repo.conversation(conversationId)
      : undefined;
    if (!conv) throw new NotFound("conversation", "conversation_not_found");
    return conv;
  }

  async #ownedGroup(repo: MessagingRepo, meId: string, conversationId: string) {
    const conv = await this.#memberConversation(repo, meId, conversationId, true);
    if (conv.type !== "group")
      throw new Unprocessable("not_a_group", "Direct chats have no title or members to manage.");
    if (conv.owner_id !== meId) throw new Forbidden("not_owner", "Only the group's owner can do this.");
    return conv;
  }

  async #assertAllContacts(meId: string, userIds: readonly string[]) {
    const contacts = new Set(await this.contacts.contactIds(meId));
    const strangers = userIds.filter((u) => !contacts.has(u));
    if (strangers.length > 0) {
      throw new Forbidden("not_contacts", "You can add your contacts only.");
    }
  }

  /** What a message stores, by kind; refuses what the kind does not allow. */
  async #content(meId: string, input: SendInput) {
    const none = { text: null, media_id: null, payload: null };
    if (SERVER_KINDS.has(input.kind)) {
      throw new BadRequest("kind_not_allowed", `Messages of kind ${input.kind} are created by the server.`);
    }
    switch (input.kind) {
      case "text": {
        const text = (input.text ?? "").trim();
        if (text.length === 0)
          throw new BadRequest("validation_failed", "A text message needs 1 to 4000 characters.");
        return { ...none, kind: "text", text };
      }
      case "image":
      case "voice":
      case "file": {
        if (!input.mediaId)
          throw new BadRequest("validation_failed", `A ${input.kind} message needs a mediaId.`);
        const media = await this.media.assertAttachable(meId, input.mediaId, input.kind);
        const caption = input.text?.trim() || null;
        // What a recipient needs to lay the item out before loading it, from the media itself;
        // only a voice note's duration comes from the client (the recorder knows it).
        const durationMs = input.payload?.durationMs;
        const details = {
          mime: media.mime,
          size: media.size,
          width: media.width,
          height: media.height,
          name: media.name,
          ...(input.kind === "voice" &&
          typeof durationMs === "number" &&
          durationMs >= 0 &&
          durationMs <= 3_600_000
            ? { durationMs: Math.round(durationMs) }
            : {}),
        };
        return {
          ...none,
          kind: input.kind,
          media_id: input.mediaId,
          text: caption,
          payload: JSON.stringify(details),
        };
      }
      case "sticker": {
        const stickerId = input.payload?.stickerId;
        if (typeof stickerId !== "string" || !STICKERS.includes(stickerId)) {
          throw new BadRequest("unknown_sticker", "Pick one of the built-in stickers.");
        }
        return { ...none, kind: "sticker", payload: JSON.stringify({ stickerId }) };
      }
      case "miniapp_card": {
        const { appId, title, path } = input.payload ?? {};
        if (
          typeof appId !== "string" ||
          typeof title !== "string" ||
          (path !== undefined && typeof path !== "string")
        ) {
          throw new BadRequest("validation_failed", "A mini-app card needs payload.appId and payload.title.");
        }
        return {
          ...none,
          kind: "miniapp_card",
          payload: JSON.stringify({ appId, title, path: path ?? "/" }),
        };
      }
      default:
        throw new BadRequest("kind_not_allowed", `Messages of kind ${input.kind} can't be sent.`);
    }
  }

  /** Tells every member of a group what it now is (title, owner, members). */
  async #announce(repo: MessagingRepo, emit: Emit, conversationId: string) {
    const conv = await repo.conversation(conversationId);
    const memberIds = (await repo.members([conversationId])).map((m) => m.user_id);
    if (!conv || memberIds.length === 0) return;
    await emit(memberIds, "conversation.updated", {
      conversationId,
      title: conv.title,
      ownerId: conv.owner_id,
      memberIds,
    });
  }

  /** A system line in the conversation ("Alice added Bob"), delivered like any message. */
  async #system(
    tx: Tx,
    emit: Emit,
    conversationId: string,
    actorId: string,
    payload: Record<string, unknown>,
  ) {
    const repo = new MessagingRepo(tx);
    const seq = await repo.nextSeq(conversationId);
    const message = await repo.insertMessage({
      id: newId(),
      conversation_id: conversationId,
      seq,
      sender_id: actorId,
      client_id: `system:${newId()}`,
      kind: "system",
      text: null,
      media_id: null,
      payload: JSON.stringify(payload),
    });
    await repo.markRead(conversationId, actorId, seq);
    await emit(await repo.memberIds(conversationId), "message.new", { message: toMessageView(message) });
  }

  /** What a group's invite shows to someone who may not be in it yet; null if no such group. */
  async groupPreview(
    viewerId: string,
    conversationId: string,
    previewSize: number,
  ): Promise<{
    id: string;
    title: string | null;
    memberCount: number;
    members: User[];
    memberIds: string[];
    alreadyMember: boolean;
  } | null> {
    const conv = isId(conversationId) ? await this.#repo.conversation(conversationId) : undefined;
    if (conv?.type !== "group") return null;
    const memberIds = (await this.#repo.members([conversationId])).map((m) => m.user_id);
    return {
      id: conv.id,
      title: conv.title,
      memberCount: memberIds.length,
      members: await this.identity.getUsers(memberIds.slice(0, previewSize)),
      memberIds,
      alreadyMember: memberIds.includes(viewerId),
    };
  }

  /**
   * Joins a group through an invite that `inviterId` shared (a QR code): the invite holds only
   * while its sharer is still a member. New members see the group from the moment they join,
   * and a system line says how they came in.
   */
  async joinByInvite(
    meId: string,
    conversationId: string,
    inviterId: string,
  ): Promise<
    { outcome: "joined" | "already_member"; conversation: Conversation } | { outcome: "invite_void" }
  > {
    const outcome = await this.events.transaction(async (tx, emit) => {
      const repo = new MessagingRepo(tx);
      const conv = isId(conversationId) ? await repo.conversationForUpdate(conversationId) : undefined;
      if (conv?.type !== "group") return "invite_void" as const;
      const present = new Set(await repo.memberIds(conversationId));
      if (present.has(meId)) return "already_member" as const;
      if (!present.has(inviterId)) return "invite_void" as const;
      if (present.size + 1 > MAX_GROUP_MEMBERS) {
        throw new Unprocessable("group_full", `A group has at most ${MAX_GROUP_MEMBERS} members.`);
      }
      await repo.insertMembers(conversationId, [{ userId: meId, role: "member" }], Number(conv.last_seq));
      await this.#system(tx, emit, conversationId, meId, {
        event: "member.joined",
        userIds: [meId],
        inviterId,
        via: "qr",
      });
      await this.#announce(repo, emit, conversationId);
      return "joined" as const;
    });
    if (outcome === "invite_void") return { outcome };
    return { outcome, conversation: await this.view(meId, conversationId) };
  }

  /**
   * A message another service creates inside its own transaction (the wallet's `transfer` card,
   * red packets): sender and `memberIds` must be members (404 otherwise); `clientId` must be
   * new for the sender; `message.new` is stored with the caller's transaction.
   */
  async postServiceMessage(
    tx: Tx,
    emit: Emit,
    input: {
      conversationId: string;
      senderId: string;
      memberIds: readonly string[];
      kind: MessageKind;
      payload: Record<string, unknown>;
      clientId: string;
    },
  ): Promise<Message> {
    const repo = new MessagingRepo(tx);
    if (!isId(input.conversationId)) throw new NotFound("conversation", "conversation_not_found");
    const members = new Set(await repo.memberIds(input.conversationId));
    if (!members.has(input.senderId) || input.memberIds.some((id) => !members.has(id))) {
      throw new NotFound("conversation", "conversation_not_found");
    }
    const seq = await repo.nextSeq(input.conversationId);
    const message = await repo.insertMessage({
      id: newId(),
      conversation_id: input.conversationId,
      seq,
      sender_id: input.senderId,
      client_id: input.clientId,
      kind: input.kind,
      text: null,
      media_id: null,
      payload: JSON.stringify(input.payload),
    });
    await repo.markRead(input.conversationId, input.senderId, seq);
    const view = toMessageView(message);
    await emit([...members], "message.new", { message: view });
    return view;
  }

  /** A conversation's type and members when `userId` is one of them, else null (for other modules' access checks). */
  async membership(
    userId: string,
    conversationId: string,
  ): Promise<{ type: "direct" | "group"; memberIds: string[] } | null> {
    const conv = isId(conversationId) ? await this.#repo.conversation(conversationId) : undefined;
    if (!conv) return null;
    const memberIds = await this.#repo.memberIds(conversationId);
    return memberIds.includes(userId) ? { type: conv.type, memberIds } : null;
  }

  /**
   * Who has read one of my messages: the other members who were in the chat when it was sent
   * (joined before it; people who left since are not counted), split by their read marks. Only
   * the sender may ask; for anyone else, a non-member, or a message not in this chat: 404.
   */
  async reads(meId: string, conversationId: string, messageId: string): Promise<MessageReads> {
    const msg = isId(conversationId) && isId(messageId) ? await this.#repo.message(messageId) : undefined;
    if (!msg || msg.conversation_id !== conversationId || msg.sender_id !== meId) {
      throw new NotFound("message", "message_not_found");
    }
    const marks = await this.#repo.readMarks(conversationId);
    if (!marks.some((m) => m.user_id === meId)) throw new NotFound("message", "message_not_found");
    const seq = Number(msg.seq);
    const audience = marks.filter((m) => m.user_id !== meId && Number(m.visible_after_seq) < seq);
    const users = new Map(
      (await this.identity.getUsers(audience.map((m) => m.user_id))).map((u) => [u.id, u] as const),
    );
    const readBy: User[] = [];
    const unreadBy: User[] = [];
    for (const m of audience) {
      const user = users.get(m.user_id);
      if (user) (Number(m.last_read_seq) >= seq ? readBy : unreadBy).push(user);
    }
    return { readBy, unreadBy };
  }
}

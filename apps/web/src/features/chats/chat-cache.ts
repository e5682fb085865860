import type { Conversation, Message } from "@agora/protocol/messaging";
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/query-keys.ts";
import { lastSeqOf, type MessageWindow, mergeMessages, recallIn } from "./message-list.ts";

/**
 * How realtime events and send results land in react-query's caches: the conversation list,
 * each open conversation and its loaded messages. Every function is idempotent, since a
 * message can come both as the POST's answer and as a `message.new`.
 */

function byActivity(a: Conversation, b: Conversation): number {
  return b.updatedAt.localeCompare(a.updatedAt);
}

function updateConversation(qc: QueryClient, id: string, update: (c: Conversation) => Conversation) {
  qc.setQueryData<Conversation[]>(queryKeys.conversations, (list) =>
    list?.map((c) => (c.id === id ? update(c) : c)).sort(byActivity),
  );
  qc.setQueryData<Conversation>(queryKeys.conversation(id), (c) => (c ? update(c) : c));
}

/** A new message (mine or theirs): into its conversation's messages and the list. */
export function applyMessage(qc: QueryClient, meId: string, message: Message): void {
  const key = queryKeys.messages(message.conversationId);
  const window = qc.getQueryData<MessageWindow>(key);
  if (window) {
    const last = lastSeqOf(window.items);
    if (window.items.length > 0 && message.seq > last + 1) {
      // Something between what we have and this one is missing: load the latest again.
      void qc.invalidateQueries({ queryKey: key });
    }
    qc.setQueryData<MessageWindow>(key, { ...window, items: mergeMessages(window.items, [message]) });
  }

  const list = qc.getQueryData<Conversation[]>(queryKeys.conversations);
  if (list && !list.some((c) => c.id === message.conversationId)) {
    // A chat someone just opened with me, or a group I was added to.
    void qc.invalidateQueries({ queryKey: queryKeys.conversations });
  }
  const mine = message.senderId === meId;
  updateConversation(qc, message.conversationId, (c) => {
    if (c.lastMessage && c.lastMessage.seq >= message.seq) return c; // already counted
    return {
      ...c,
      lastMessage: message,
      updatedAt: [c.updatedAt, message.createdAt].sort().at(-1) ?? c.updatedAt,
      // Sending marks everything before as read (the server does the same); system lines are
      // not unread messages.
      unread: mine ? 0 : message.kind === "system" ? c.unread : c.unread + 1,
      readSeq: mine ? message.seq : c.readSeq,
      readSeqs: mine ? { ...c.readSeqs, [meId]: message.seq } : c.readSeqs,
    };
  });
  if (message.kind === "system") {
    // Renames and membership changes come as system lines: refresh title and members.
    void qc.invalidateQueries({ queryKey: queryKeys.conversation(message.conversationId) });
    void qc.invalidateQueries({ queryKey: queryKeys.conversations });
  }
}

export function applyRecall(qc: QueryClient, conversationId: string, messageId: string): void {
  qc.setQueryData<MessageWindow>(queryKeys.messages(conversationId), (w) =>
    w ? { ...w, items: recallIn(w.items, messageId) } : w,
  );
  updateConversation(qc, conversationId, (c) =>
    c.lastMessage?.id === messageId
      ? { ...c, lastMessage: recallIn([c.lastMessage], messageId)[0] ?? null }
      : c,
  );
  // A recalled message no longer counts as unread: the server's count is the one to show.
  void qc.invalidateQueries({ queryKey: queryKeys.conversations });
}

/** Someone (maybe me, on another device) read up to `seq`. */
export function applyReceipt(
  qc: QueryClient,
  meId: string,
  receipt: { conversationId: string; userId: string; seq: number },
): void {
  updateConversation(qc, receipt.conversationId, (c) => {
    const before = c.readSeqs[receipt.userId] ?? 0;
    const readSeqs = receipt.seq > before ? { ...c.readSeqs, [receipt.userId]: receipt.seq } : c.readSeqs;
    if (receipt.userId !== meId) return { ...c, readSeqs };
    const readSeq = Math.max(c.readSeq, receipt.seq);
    const lastSeq = c.lastMessage?.seq ?? readSeq;
    return { ...c, readSeqs, readSeq, unread: Math.max(0, Math.min(c.unread, lastSeq - readSeq)) };
  });
}

/**
 * A group's title, owner or members changed: the title and owner apply at once; member
 * details (names, avatars) come from refetching the conversation.
 */
export function applyConversationUpdated(
  qc: QueryClient,
  update: { conversationId: string; title: string | null; ownerId: string | null; memberIds: string[] },
): void {
  updateConversation(qc, update.conversationId, (c) => ({
    ...c,
    title: update.title,
    ownerId: update.ownerId,
  }));
  void qc.invalidateQueries({ queryKey: queryKeys.conversation(update.conversationId) });
  void qc.invalidateQueries({ queryKey: queryKeys.conversations });
}

/** I left or was removed: the chat disappears from this device. */
export function applyConversationRemoved(qc: QueryClient, conversationId: string): void {
  qc.setQueryData<Conversation[]>(queryKeys.conversations, (list) =>
    list?.filter((c) => c.id !== conversationId),
  );
  qc.removeQueries({ queryKey: queryKeys.messages(conversationId) });
  void qc.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
}

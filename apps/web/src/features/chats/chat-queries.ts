import { type Conversation, type Message, messagingRoutes } from "@agora/protocol/messaging";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { applyConversationRemoved, applyMessage, applyReceipt } from "./chat-cache.ts";
import { type MessageWindow, mergeMessages } from "./message-list.ts";

/** Messages per page, when a chat opens and each time history scrolls into view. */
export const PAGE_SIZE = 40;

async function fetchConversations(): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(messagingRoutes.listConversations, { query: { limit: 200, cursor } });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < 1000);
  return all;
}

/** My conversations, most recent first; kept current by realtime events. */
export function useConversations() {
  return useQuery({ queryKey: queryKeys.conversations, queryFn: fetchConversations, staleTime: 5 * 60_000 });
}

/** The unread total shown on the Chats tab. */
export function useUnreadTotal(): number {
  const { data } = useConversations();
  return data?.reduce((sum, c) => sum + c.unread, 0) ?? 0;
}

export function useConversation(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.conversation(id),
    queryFn: () => call(messagingRoutes.getConversation, { params: { id } }),
    // The list already has it: the chat opens without waiting.
    initialData: () => qc.getQueryData<Conversation[]>(queryKeys.conversations)?.find((c) => c.id === id),
    initialDataUpdatedAt: () => qc.getQueryState(queryKeys.conversations)?.dataUpdatedAt,
    staleTime: 60_000,
  });
}

/** The latest page, merged with what is loaded already when they overlap (so scrolled-up history stays). */
export function useMessages(conversationId: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.messages(conversationId),
    queryFn: async (): Promise<MessageWindow> => {
      const { items } = await call(messagingRoutes.listMessages, {
        params: { id: conversationId },
        query: { limit: PAGE_SIZE },
      });
      const before = qc.getQueryData<MessageWindow>(queryKeys.messages(conversationId));
      const lastBefore = before?.items.at(-1)?.seq ?? 0;
      const firstNew = items[0]?.seq ?? 0;
      if (before && before.items.length > 0 && firstNew <= lastBefore + 1) {
        return { items: mergeMessages(before.items, items), hasOlder: before.hasOlder };
      }
      return { items, hasOlder: items.length === PAGE_SIZE };
    },
    // Realtime events keep it current; a reconnect replays what was missed.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Loads the page before the first loaded message; resolves false when there is nothing older. */
export function useLoadOlder(conversationId: string) {
  const qc = useQueryClient();
  const [loading, setLoading] = useState(false);
  const loadOlder = useCallback(async () => {
    const key = queryKeys.messages(conversationId);
    const window = qc.getQueryData<MessageWindow>(key);
    const first = window?.items[0];
    if (!window?.hasOlder || !first || loading) return;
    setLoading(true);
    try {
      const { items } = await call(messagingRoutes.listMessages, {
        params: { id: conversationId },
        query: { beforeSeq: first.seq, limit: PAGE_SIZE },
      });
      qc.setQueryData<MessageWindow>(key, (w) =>
        w ? { items: mergeMessages(w.items, items), hasOlder: items.length === PAGE_SIZE } : w,
      );
    } finally {
      setLoading(false);
    }
  }, [qc, conversationId, loading]);
  return { loadOlder, loading };
}

export function useCreateConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      body: { type: "direct"; userId: string } | { type: "group"; title: string; memberIds: string[] },
    ) => call(messagingRoutes.createConversation, { body }),
    onSuccess: (conversation) => {
      qc.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void qc.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

function useConversationMutation<V>(fn: (vars: V) => Promise<Conversation | null>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (conversation) => {
      if (conversation) qc.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void qc.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

export function useRenameGroup(id: string) {
  return useConversationMutation((title: string) =>
    call(messagingRoutes.updateConversation, { params: { id }, body: { title } }),
  );
}

export function useAddMembers(id: string) {
  return useConversationMutation((userIds: string[]) =>
    call(messagingRoutes.addMembers, { params: { id }, body: { userIds } }),
  );
}

export function useRemoveMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => call(messagingRoutes.removeMember, { params: { id, userId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.conversation(id) }),
  });
}

/** Leaving: the chat goes from this device at once (the server also sends conversation.removed). */
export function useLeaveGroup(id: string, meId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(messagingRoutes.removeMember, { params: { id, userId: meId } }),
    onSuccess: () => applyConversationRemoved(qc, id),
  });
}

export function useRecall(meId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => call(messagingRoutes.recallMessage, { params: { id: messageId } }),
    onSuccess: (message: Message) => applyMessage(qc, meId, message),
  });
}

/** Tells the server I read up to `seq`, and drops the unread count here at once. */
export async function markRead(qc: ReturnType<typeof useQueryClient>, meId: string, id: string, seq: number) {
  applyReceipt(qc, meId, { conversationId: id, userId: meId, seq });
  await call(messagingRoutes.markRead, { params: { id }, body: { seq } });
}

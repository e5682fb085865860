import type { Conversation } from "@agora/protocol/messaging";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { queryKeys } from "../../api/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";
import { useMe } from "../auth/me-context.ts";
import {
  applyConversationRemoved,
  applyConversationUpdated,
  applyMessage,
  applyRecall,
  applyReceipt,
} from "./chat-cache.ts";
import { showNotification } from "./notifications.ts";
import { conversationTitle, messageSummary } from "./preview.ts";

/** Messaging events into the caches, and a notification for a message that arrives unseen. */
export function useChatEvents(): void {
  const qc = useQueryClient();
  const me = useMe();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();

  useRealtimeEvent("message.new", ({ message }) => {
    applyMessage(qc, me.id, message);
    if (message.senderId === me.id || message.kind === "system" || !document.hidden) return;
    const conversation = qc
      .getQueryData<Conversation[]>(queryKeys.conversations)
      ?.find((c) => c.id === message.conversationId);
    const sender = conversation?.members.find((m) => m.id === message.senderId)?.displayName;
    const people = {
      meId: me.id,
      lng: i18n.language,
      nameOf: (id: string) =>
        conversation?.members.find((m) => m.id === id)?.displayName ?? t("chat.someone"),
      knows: (id: string) => conversation?.members.some((m) => m.id === id) ?? false,
    };
    const title = conversation ? conversationTitle(conversation, me.id) : (sender ?? t("app.name"));
    const body = messageSummary(t, message, people);
    showNotification(
      title,
      conversation?.type === "group" && sender ? `${sender}: ${body}` : body,
      message.conversationId,
      () => navigate(paths.chat(message.conversationId)),
    );
  });
  useRealtimeEvent("message.recalled", ({ conversationId, messageId }) =>
    applyRecall(qc, conversationId, messageId),
  );
  useRealtimeEvent("receipt.read", (receipt) => applyReceipt(qc, me.id, receipt));
  useRealtimeEvent("conversation.updated", (update) => applyConversationUpdated(qc, update));
  useRealtimeEvent("conversation.removed", ({ conversationId }) =>
    applyConversationRemoved(qc, conversationId),
  );
  useRealtimeEvent("synced", ({ fresh }) => {
    // A new device started from the REST lists: anything between them and the socket is refetched.
    if (fresh) void qc.invalidateQueries({ queryKey: queryKeys.conversations });
  });
}

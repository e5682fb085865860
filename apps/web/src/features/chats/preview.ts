import type { Conversation, Message } from "@agora/protocol/messaging";
import type { TFunction } from "i18next";
import { formatDuration } from "./format-time.ts";
import { metaOf } from "./media.ts";

/** Who is who in a conversation, for the lines that name people. */
export interface People {
  meId: string;
  nameOf(userId: string): string;
  /** Whether nameOf has a real name for this id (not "Someone"). */
  knows(userId: string): boolean;
  lng: string;
}

/** A conversation's title: the group's, or the other person's name in a direct chat. */
export function conversationTitle(conversation: Conversation, meId: string): string {
  if (conversation.title) return conversation.title;
  const other = conversation.members.find((m) => m.id !== meId) ?? conversation.members[0];
  return other?.displayName ?? "";
}

function names(ids: readonly string[], people: People): string {
  const list = ids.map((id) =>
    id === people.meId ? people.nameOf(id).toLocaleLowerCase(people.lng) : people.nameOf(id),
  );
  return new Intl.ListFormat(people.lng, { type: "conjunction" }).format(list);
}

/** "Alice created the group “Hike”", "You added Bob and Carla", "Bob left the group". */
export function systemLine(t: TFunction, message: Message, people: People): string {
  const payload = message.payload ?? {};
  const mine = message.senderId === people.meId;
  const name = people.nameOf(message.senderId);
  const title = typeof payload.title === "string" ? payload.title : "";
  const userIds = Array.isArray(payload.userIds)
    ? payload.userIds.filter((id): id is string => typeof id === "string")
    : [];
  const who = names(userIds, people);
  switch (payload.event) {
    case "group.created":
      return mine ? t("chat.system.createdMe", { title }) : t("chat.system.created", { name, title });
    case "group.renamed":
      return mine ? t("chat.system.renamedMe", { title }) : t("chat.system.renamed", { name, title });
    case "members.added":
      return mine ? t("chat.system.addedMe", { names: who }) : t("chat.system.added", { name, names: who });
    case "member.removed":
      return mine
        ? t("chat.system.removedMe", { names: who })
        : t("chat.system.removed", { name, names: who });
    case "member.left":
      return mine ? t("chat.system.leftMe") : t("chat.system.left", { name });
    default:
      return t("chat.system.other", { name });
  }
}

export function recalledLine(t: TFunction, message: Message, people: People): string {
  return message.senderId === people.meId
    ? t("chat.youRecalled")
    : t("chat.theyRecalled", { name: people.nameOf(message.senderId) });
}

/** One line about a message, for the chat list and notifications ("[Photo]", "[Voice] 0:07"). */
export function messageSummary(t: TFunction, message: Message, people: People): string {
  if (message.recalled) return recalledLine(t, message, people);
  const meta = metaOf(message.mediaId, message.payload);
  switch (message.kind) {
    case "text":
      return message.text ?? "";
    case "image":
      return message.text ? `${t("chats.preview.photo")} ${message.text}` : t("chats.preview.photo");
    case "voice":
      return meta.durationMs
        ? t("chats.preview.voiceDuration", { duration: formatDuration(meta.durationMs) })
        : t("chats.preview.voice");
    case "file":
      return meta.name ? t("chats.preview.file", { name: meta.name }) : t("chats.preview.fileUnnamed");
    case "sticker":
      return t("chats.preview.sticker");
    case "miniapp_card":
      return t("chats.preview.miniApp", { title: String(message.payload?.title ?? "") });
    case "transfer":
      return t("chats.preview.transfer");
    case "red_packet":
      return t("chats.preview.redPacket");
    case "system":
      return systemLine(t, message, people);
  }
}

/** The list's preview: in a group, others' messages say who wrote them. */
export function listPreview(
  t: TFunction,
  conversation: Conversation,
  message: Message,
  people: People,
): string {
  const text = messageSummary(t, message, people);
  const named =
    conversation.type === "group" &&
    !message.recalled &&
    message.kind !== "system" &&
    message.senderId !== people.meId;
  return named ? t("chats.preview.sender", { name: people.nameOf(message.senderId), text }) : text;
}

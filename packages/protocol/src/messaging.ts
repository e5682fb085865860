import { z } from "zod";
import { Id, NoContent } from "./common.ts";
import { User } from "./identity.ts";
import { defineRoute } from "./routes.ts";

export const MessageKind = z.enum([
  "text",
  "image",
  "voice",
  "file",
  "sticker",
  "transfer",
  "red_packet",
  "miniapp_card",
  "system",
]);
export type MessageKind = z.infer<typeof MessageKind>;

export const MAX_TEXT = 4000;
export const MAX_GROUP_MEMBERS = 500;
export const RECALL_WINDOW_MS = 2 * 60_000;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  seq: z.number().int().positive(),
  senderId: Id,
  clientId: z.string(),
  kind: MessageKind,
  text: z.string().nullable(),
  mediaId: Id.nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  recalled: z.boolean(),
});
export type Message = z.infer<typeof Message>;

export const Conversation = z.object({
  id: Id,
  type: z.enum(["direct", "group"]),
  /** A group's title; null for a direct chat (show the other member's name). */
  title: z.string().nullable(),
  members: z.array(User),
  ownerId: Id.nullable(),
  lastMessage: Message.nullable(),
  unread: z.number().int().min(0),
  /** The last seq I have read. */
  readSeq: z.number().int().min(0),
  /** For each member, the last seq they read (my messages' "read" state). */
  readSeqs: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const CreateConversationBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("direct"), userId: Id }),
  z.object({
    type: z.literal("group"),
    title: z.string().trim().min(1).max(64),
    memberIds: z.array(Id).max(MAX_GROUP_MEMBERS - 1),
  }),
]);

export const SendMessageFields = z.object({
  clientId: z.string().min(1).max(64),
  kind: MessageKind,
  text: z.string().max(MAX_TEXT).optional(),
  mediaId: Id.optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
});

export const SendMessageBody = SendMessageFields.refine(
  (b) => b.kind !== "text" || (b.text !== undefined && b.text.trim().length > 0),
  {
    message: "a text message needs 1 to 4000 characters",
    path: ["text"],
  },
);

export const MessagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A message's readers (sender's view): members who were in the chat when it was sent, sender left out. */
export const MessageReads = z.object({
  readBy: z.array(User),
  unreadBy: z.array(User),
});
export type MessageReads = z.infer<typeof MessageReads>;

const convParams = z.object({ id: Id });

export const messagingRoutes = {
  createConversation: defineRoute({
    method: "POST",
    path: "/conversations",
    summary: "Open a direct chat with a contact (200 if it exists) or create a group.",
    tags: ["messaging"],
    auth: true,
    body: CreateConversationBody,
    response: { 201: Conversation, 200: Conversation },
  }),
  listConversations: defineRoute({
    method: "GET",
    path: "/conversations",
    summary: "My conversations, most recent activity first.",
    tags: ["messaging"],
    auth: true,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(512).optional(),
    }),
    response: { 200: z.object({ items: z.array(Conversation), nextCursor: z.string().nullable() }) },
  }),
  getConversation: defineRoute({
    method: "GET",
    path: "/conversations/:id",
    summary: "One conversation.",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    response: { 200: Conversation },
  }),
  updateConversation: defineRoute({
    method: "PATCH",
    path: "/conversations/:id",
    summary: "Rename a group (owner).",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    body: z.object({ title: z.string().trim().min(1).max(64) }),
    response: { 200: Conversation },
  }),
  addMembers: defineRoute({
    method: "POST",
    path: "/conversations/:id/members",
    summary: "Add people to a group (owner).",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    body: z.object({ userIds: z.array(Id).min(1).max(MAX_GROUP_MEMBERS) }),
    response: { 200: Conversation },
  }),
  removeMember: defineRoute({
    method: "DELETE",
    path: "/conversations/:id/members/:userId",
    summary: "Remove someone from a group (owner), or leave it (myself).",
    tags: ["messaging"],
    auth: true,
    params: z.object({ id: Id, userId: Id }),
    response: { 204: NoContent },
  }),
  sendMessage: defineRoute({
    method: "POST",
    path: "/conversations/:id/messages",
    summary: "Send a message; the same clientId again returns the first one (200).",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    body: SendMessageBody,
    response: { 201: Message, 200: Message },
  }),
  listMessages: defineRoute({
    method: "GET",
    path: "/conversations/:id/messages",
    summary: "Messages in seq order: after a seq, before a seq, or the latest.",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    query: MessagesQuery,
    response: { 200: z.object({ items: z.array(Message), nextCursor: z.string().nullable() }) },
  }),
  recallMessage: defineRoute({
    method: "POST",
    path: "/messages/:id/recall",
    summary: "Recall my message within 2 minutes of sending it.",
    tags: ["messaging"],
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: Message },
  }),
  markRead: defineRoute({
    method: "POST",
    path: "/conversations/:id/read",
    summary: "I have read up to this seq.",
    tags: ["messaging"],
    auth: true,
    params: convParams,
    body: z.object({ seq: z.number().int().min(0) }),
    response: { 204: NoContent },
  }),
  messageReads: defineRoute({
    method: "GET",
    path: "/conversations/:id/messages/:messageId/reads",
    summary:
      "Who has read my message and who not yet (its sender only): the members who were there when it was sent, by their read marks.",
    tags: ["messaging"],
    auth: true,
    params: z.object({ id: Id, messageId: Id }),
    response: { 200: MessageReads },
  }),
} as const;

/** The built-in sticker set (the web app draws them). */
export const STICKERS: readonly string[] = [
  "wave",
  "laugh",
  "love",
  "thumbs_up",
  "party",
  "cry",
  "angry",
  "sleepy",
];

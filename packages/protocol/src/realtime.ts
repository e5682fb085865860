import { z } from "zod";
import { Id } from "./common.ts";
import { ContactRequest } from "./contacts.ts";
import { User } from "./identity.ts";
import { Message, SendMessageFields } from "./messaging.ts";
import { MomentNotification } from "./moments.ts";
import { RedPacketStatus } from "./red-packets.ts";
import { Money } from "./wallet.ts";

/** Path of the WebSocket gateway, below API_PREFIX. */
export const WS_PATH = "/ws";

/**
 * Durable events: stored in the user's inbox with a gap-free `eventSeq` and replayed by `sync`.
 * One typed map, so a payload changes only by adding a field or a new event name.
 */
export const durableEvents = {
  "message.new": z.object({ message: Message }),
  "message.recalled": z.object({ messageId: Id, conversationId: Id }),
  "receipt.read": z.object({ conversationId: Id, userId: Id, seq: z.number().int() }),
  /** A group's title, owner or members changed; fetch the conversation for member details. */
  "conversation.updated": z.object({
    conversationId: Id,
    title: z.string().nullable(),
    ownerId: Id.nullable(),
    memberIds: z.array(Id),
  }),
  "conversation.removed": z.object({ conversationId: Id }),
  "contact.request": z.object({ request: ContactRequest }),
  "contact.accepted": z.object({ user: User }),
  "contact.removed": z.object({ userId: Id }),
  /** My wallet's balance changed (any money movement, in the same transaction as the movement). */
  "wallet.updated": z.object({ balance: Money }),
  /** Someone claimed a share of a red packet (to the sender and the conversation's members). */
  "red_packet.claimed": z.object({
    redPacketId: Id,
    conversationId: Id,
    userId: Id,
    amount: Money,
    claimedCount: z.number().int(),
    count: z.number().int(),
    status: RedPacketStatus,
  }),
  /** What nobody claimed in 24 hours went back to me (the sender). */
  "red_packet.refunded": z.object({ redPacketId: Id, conversationId: Id, amount: Money }),
  /** Someone liked or commented on my moment, or replied to me under one. */
  "moment.notification": z.object({ notification: MomentNotification }),
} as const;

export type DurableEventType = keyof typeof durableEvents;
export type DurableEventPayload<T extends DurableEventType> = z.infer<(typeof durableEvents)[T]>;

/** What the server sends for a durable event. */
export type DurableEventFrame = {
  [T in DurableEventType]: { type: T; eventSeq: number; createdAt: string } & DurableEventPayload<T>;
}[DurableEventType];

/** Ephemeral frames: never stored, never replayed. */
export type EphemeralFrame =
  | { type: "typing"; conversationId: string; userId: string }
  | { type: "pong" }
  | { type: "ready"; userId: string; lastEventSeq: number }
  | { type: "synced"; lastEventSeq: number }
  | { type: "error"; code: string; detail: string }
  /** The answer to a `message.send` frame: the stored message (`created` false for a repeated clientId). */
  | { type: "message.ack"; clientId: string; created: boolean; message: Message }
  /** A `message.send` that was refused, with the status and code the HTTP route would answer. */
  | { type: "message.error"; clientId: string; status: number; code: string; detail: string };

export type ServerFrame = DurableEventFrame | EphemeralFrame;

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sync"), afterEventSeq: z.number().int().min(0) }),
  z.object({ type: z.literal("typing"), conversationId: Id }),
  z.object({ type: z.literal("ping") }),
  /** Sending over the socket: the same rules and idempotency as POST /conversations/:id/messages, less overhead. */
  SendMessageFields.extend({ type: z.literal("message.send"), conversationId: Id }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

import { z } from "zod";
import { Id } from "./common.ts";
import { User } from "./identity.ts";
import { defineRoute } from "./routes.ts";
import { Amount, Money, Pin } from "./wallet.ts";

/** Unclaimed money returns to the sender this long after sending. */
export const RED_PACKET_TTL_MS = 24 * 3600_000;
export const MAX_RED_PACKET_SHARES = 100;
export const MAX_GREETING = 64;

/** Stable machine codes of red-packet refusals (problem+json `code`), beside the wallet's own. */
export const RedPacketErrorCode = z.enum([
  /** 409: this member claimed this packet already. */
  "already_claimed",
  /** 422: every share was claimed. */
  "red_packet_empty",
  /** 422: more than 24 hours old (the rest went back to the sender). */
  "red_packet_expired",
  /** 403: the sender of a direct chat's packet can't claim it (only the other person can). */
  "sender_cannot_claim",
  /** 422: fewer minor units than shares (each share is at least 1). */
  "red_packet_too_small",
  /** 422: more shares than the group has members, or more than one in a direct chat. */
  "too_many_shares",
]);
export type RedPacketErrorCode = z.infer<typeof RedPacketErrorCode>;

/** `random`: shares drawn WeChat-style ("double mean"); `equal`: shares differ by at most one minor unit. */
export const RedPacketMode = z.enum(["random", "equal"]);
export type RedPacketMode = z.infer<typeof RedPacketMode>;

export const RedPacketStatus = z.enum([
  /** Shares left and within 24 hours. */
  "open",
  /** Every share claimed. */
  "finished",
  /** 24 hours passed with shares left; the rest was (or is being) returned to the sender. */
  "expired",
]);
export type RedPacketStatus = z.infer<typeof RedPacketStatus>;

export const SendRedPacketBody = z.object({
  conversationId: Id,
  /** The whole amount, split among `count` shares. */
  total: Amount,
  count: z.number().int().min(1).max(MAX_RED_PACKET_SHARES),
  mode: RedPacketMode,
  greeting: z.string().trim().max(MAX_GREETING).optional(),
  pin: Pin,
});

export const RedPacketClaim = z.object({
  user: User,
  amount: Money,
  claimedAt: z.string(),
  /** The largest share of a finished random packet (the "luckiest"); absent otherwise. */
  best: z.boolean().optional(),
});
export type RedPacketClaim = z.infer<typeof RedPacketClaim>;

export const RedPacket = z.object({
  id: Id,
  conversationId: Id,
  /** The `red_packet` message in the conversation. */
  messageId: Id,
  sender: User,
  total: Money,
  count: z.number().int(),
  mode: RedPacketMode,
  greeting: z.string().nullable(),
  claimedCount: z.number().int(),
  claimedAmount: Money,
  /** Oldest first. */
  claims: z.array(RedPacketClaim),
  myClaim: z.object({ amount: Money, claimedAt: z.string() }).nullable(),
  /** Whether I may claim now (open, not claimed by me, not my own direct-chat packet). */
  canClaim: z.boolean(),
  status: RedPacketStatus,
  /** What went back to the sender after expiry (null until then). */
  refunded: Money.nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type RedPacket = z.infer<typeof RedPacket>;

export const ClaimResult = z.object({ amount: Money, redPacket: RedPacket });
export type ClaimResult = z.infer<typeof ClaimResult>;

/** The `payload` of a `red_packet` chat message: tap it to open `GET /red-packets/:redPacketId`. */
export const RedPacketCardPayload = z.object({
  redPacketId: Id,
  greeting: z.string().nullable(),
  mode: RedPacketMode,
  count: z.number().int(),
  total: Money,
});
export type RedPacketCardPayload = z.infer<typeof RedPacketCardPayload>;

const tags = ["wallet"] as const;

export const redPacketRoutes = {
  send: defineRoute({
    method: "POST",
    path: "/red-packets",
    summary:
      "Send a red packet in a chat I belong to: the total leaves my wallet at once and a red_packet message appears. PIN-checked; honours Idempotency-Key.",
    tags,
    auth: true,
    body: SendRedPacketBody,
    response: { 201: RedPacket },
  }),
  claim: defineRoute({
    method: "POST",
    path: "/red-packets/:id/claim",
    summary:
      "Claim my share (members only; once: 409 already_claimed; 422 red_packet_empty / red_packet_expired; in a direct chat only the recipient).",
    tags,
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: ClaimResult },
  }),
  get: defineRoute({
    method: "GET",
    path: "/red-packets/:id",
    summary: "A red packet's details and who claimed what (members of its conversation only).",
    tags,
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: RedPacket },
  }),
} as const;

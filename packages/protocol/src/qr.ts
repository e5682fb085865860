import { z } from "zod";
import { Id, NoContent } from "./common.ts";
import { User } from "./identity.ts";
import { Conversation } from "./messaging.ts";
import { defineRoute } from "./routes.ts";
import { Money } from "./wallet.ts";

/**
 * QR codes. Every code encodes `${publicUrl}/q/<token>`: a phone camera opens the web app at
 * that path, and the app's scanner posts the same URL to `POST /qr/resolve`.
 */
export const QR_PATH_PREFIX = "/q/";
/** A QR-login code is good for this long after it is shown. */
export const QR_LOGIN_TTL_MS = 2 * 60_000;
/** A group invite code is good for this long. */
export const GROUP_INVITE_TTL_MS = 7 * 24 * 3600_000;
/** How many members a group preview shows. */
export const GROUP_PREVIEW_MEMBERS = 9;

/** Stable machine codes of the QR module's refusals (problem+json `code`). */
export const QrErrorCode = z.enum([
  /** 404: no such code (or its owner blocked you, or it was rotated away). */
  "qr_unknown",
  /** 410: the code existed but its time is up (a login after 2 minutes, an invite after 7 days), or it was used already. */
  "qr_expired",
  /** 422: this kind of code can't do that (e.g. joining with a user's code). */
  "qr_wrong_kind",
  /** 422: invites are for groups, not direct chats. */
  "not_a_group",
  /** 422: the group is full. */
  "group_full",
  /** 429: too many QR logins from this address. */
  "rate_limited",
]);
export type QrErrorCode = z.infer<typeof QrErrorCode>;

/** A code to show: the URL it encodes and the same drawn as an SVG document. */
export const QrCode = z.object({
  url: z.string(),
  /** A standalone `<svg>` document (black on white, with a quiet zone). */
  svg: z.string(),
});
export type QrCode = z.infer<typeof QrCode>;

export const ReceiveQuery = z.object({
  /** Minor units; leave out for a code where the payer types the amount. */
  amount: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(1).max(1_000_000_000_000).optional(),
  ),
});

export const ReceiveCode = QrCode.extend({ amount: Money.nullable() });
export type ReceiveCode = z.infer<typeof ReceiveCode>;

export const GroupInvite = QrCode.extend({ conversationId: Id, expiresAt: z.string() });
export type GroupInvite = z.infer<typeof GroupInvite>;

export const QrUrlBody = z.object({ url: z.string().trim().min(1).max(2048) });

/** What a group's invite shows before joining. */
export const GroupPreview = z.object({
  id: Id,
  title: z.string().nullable(),
  memberCount: z.number().int().min(0),
  /** The first few members (up to GROUP_PREVIEW_MEMBERS), for the avatar grid. */
  members: z.array(User),
  /** Already in: open the chat instead of offering to join. */
  alreadyMember: z.boolean(),
  /** Who shared the invite. */
  invitedBy: User,
  expiresAt: z.string(),
});
export type GroupPreview = z.infer<typeof GroupPreview>;

/** What a scanned code is, with what the scanner needs to act on it. */
export const Resolved = z.discriminatedUnion("kind", [
  /** Someone's "add me" code: offer their profile (send a contact request, or chat). */
  z.object({ kind: z.literal("user"), user: User }),
  /** A group invite: preview, then `POST /qr/join` with the same URL. */
  z.object({ kind: z.literal("group"), group: GroupPreview }),
  /** Someone's "pay me" code: open the transfer sheet (`POST /wallet/transfers`), amount fixed when not null. */
  z.object({ kind: z.literal("pay"), payee: User, amount: Money.nullable() }),
  /** A web login waiting in a browser: ask "Log in on the web?", then `POST /auth/qr-login/:code/approve`. */
  z.object({
    kind: z.literal("login"),
    code: z.string(),
    expiresAt: z.string(),
    /** The waiting browser's User-Agent, to show on the confirmation sheet ("Chrome on Linux"). */
    device: z.string().nullable(),
  }),
  /** Reserved: a merchant's checkout code (not issued yet). */
  z.object({ kind: z.literal("merchant"), merchantId: Id, name: z.string(), amount: Money.nullable() }),
  /** Reserved: opens a mini app at a path (not issued yet). */
  z.object({ kind: z.literal("miniapp"), appId: Id, name: z.string(), path: z.string() }),
]);
export type Resolved = z.infer<typeof Resolved>;
export type ResolvedKind = Resolved["kind"];

/** A waiting browser's state. `approved` carries the session once (then `consumed`). */
export const QrLoginStatus = z.enum(["pending", "scanned", "approved", "consumed", "cancelled", "expired"]);
export type QrLoginStatus = z.infer<typeof QrLoginStatus>;

export const QrLoginStart = QrCode.extend({
  /** The waiting browser's private handle: never shown, never in the code. */
  id: z.string(),
  expiresAt: z.string(),
});
export type QrLoginStart = z.infer<typeof QrLoginStart>;

export const QrLoginState = z.object({
  status: QrLoginStatus,
  /** Only with `approved`, only once; the session cookie is set on the same answer. */
  token: z.string().optional(),
  user: User.optional(),
  expiresAt: z.string(),
});
export type QrLoginState = z.infer<typeof QrLoginState>;

/**
 * The waiting browser's socket (no session needed): `GET /api/v1/auth/qr-login/:id/ws`.
 * The server sends the current status at once and on each change, and closes after a final one
 * (approved, cancelled, expired); on `approved`, collect the session with `GET /auth/qr-login/:id`.
 */
export const QR_LOGIN_WS_PATH = "/auth/qr-login/:id/ws";
export const QrLoginFrame = z.object({ type: z.literal("qr-login.status"), status: QrLoginStatus });
export type QrLoginFrame = z.infer<typeof QrLoginFrame>;

const tags = ["qr"] as const;

export const qrRoutes = {
  myCode: defineRoute({
    method: "GET",
    path: "/qr/me",
    summary: "My 'add me' code (long-lived; the same until rotated).",
    tags,
    auth: true,
    response: { 200: QrCode },
  }),
  receiveCode: defineRoute({
    method: "GET",
    path: "/qr/receive",
    summary:
      "My 'pay me' code, with a fixed amount or without (long-lived; the same per amount until rotated).",
    tags,
    auth: true,
    query: ReceiveQuery,
    response: { 200: ReceiveCode },
  }),
  rotate: defineRoute({
    method: "POST",
    path: "/qr/rotate",
    summary:
      "Retire my 'add me' and 'pay me' codes (printed or shared ones stop working); the next GETs issue new ones.",
    tags,
    auth: true,
    response: { 204: NoContent },
  }),
  resolve: defineRoute({
    method: "POST",
    path: "/qr/resolve",
    summary:
      "What a scanned code is (any host, path /q/<token>). 404 qr_unknown for unknown codes (and a blocked user's), 410 qr_expired.",
    tags,
    auth: true,
    body: QrUrlBody,
    response: { 200: Resolved },
  }),
  createInvite: defineRoute({
    method: "POST",
    path: "/conversations/:id/invite",
    summary: "A group's invite code (any member may share it; good for 7 days).",
    tags,
    auth: true,
    params: z.object({ id: Id }),
    response: { 201: GroupInvite },
  }),
  join: defineRoute({
    method: "POST",
    path: "/qr/join",
    summary: "Join a group with its invite code: 201 joined (a system line says so), 200 already a member.",
    tags,
    auth: true,
    body: QrUrlBody,
    response: { 201: Conversation, 200: Conversation },
  }),
  startLogin: defineRoute({
    method: "POST",
    path: "/auth/qr-login",
    summary:
      "Start a web login by QR (no session). `id` is the browser's private handle; the code carries another token. Rate-limited per address.",
    tags,
    auth: false,
    response: { 201: QrLoginStart },
  }),
  loginStatus: defineRoute({
    method: "GET",
    path: "/auth/qr-login/:id",
    summary:
      "The waiting browser's state; once approved, the first call answers the token (and sets the session cookie), later ones `consumed`.",
    tags,
    auth: false,
    params: z.object({ id: z.string().min(1).max(128) }),
    response: { 200: QrLoginState },
  }),
  approveLogin: defineRoute({
    method: "POST",
    path: "/auth/qr-login/:code/approve",
    summary: "Sign the waiting browser in as me (the code works once, for 2 minutes).",
    tags,
    auth: true,
    params: z.object({ code: z.string().min(1).max(128) }),
    response: { 204: NoContent },
  }),
  cancelLogin: defineRoute({
    method: "POST",
    path: "/auth/qr-login/:code/cancel",
    summary: "Refuse a scanned web login: the browser is told `cancelled`.",
    tags,
    auth: true,
    params: z.object({ code: z.string().min(1).max(128) }),
    response: { 204: NoContent },
  }),
} as const;

import type { Conversation } from "@agora/protocol/messaging";
import {
  GROUP_INVITE_TTL_MS,
  GROUP_PREVIEW_MEMBERS,
  type GroupInvite,
  QR_LOGIN_TTL_MS,
  type QrCode,
  type QrLoginStart,
  type QrLoginState,
  type QrLoginStatus,
  type ReceiveCode,
  type Resolved,
} from "@agora/protocol/qr";
import type { EventBus } from "../../platform/bus.ts";
import type { Config } from "../../platform/config.ts";
import type { Db } from "../../platform/db.ts";
import { AppError, NotFound, Unprocessable } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import type { LimitRule, RateLimiter } from "../../platform/rate-limit.ts";
import { hashSecret, newSecret } from "../../platform/tokens.ts";
import type { ContactsService } from "../contacts/service.ts";
import type { ClientMeta, IdentityService } from "../identity/service.ts";
import type { MessagingService } from "../messaging/service.ts";
import { newQrToken, qrSvg, qrUrl, tokenOf } from "./codes.ts";
import { QrRepo } from "./repo.ts";
import type { QrCodeRow, QrLoginRow } from "./schema.ts";

/** Documented in docs/qr.md. */
export const LIMITS = {
  qrLoginsPerAddress: { max: 30, windowMs: 5 * 60_000 },
} satisfies Record<string, LimitRule>;

/** An invite is shown again as long as it has this much life left; else a new one is made. */
const INVITE_REUSE_MIN_LEFT_MS = GROUP_INVITE_TTL_MS - 24 * 3600_000;
/** Ended logins are deleted after this long (at most once per interval, per node). */
const LOGIN_RETENTION_MS = 24 * 3600_000;
const LOGIN_SWEEP_INTERVAL_MS = 10 * 60_000;

export class QrUnknown extends NotFound {
  constructor() {
    super("code", "qr_unknown");
  }
}

export class QrExpired extends AppError {
  constructor(message = "This code has expired.") {
    super(410, "qr_expired", message);
  }
}

/** What the QR module needs from the others (their services, never their tables). */
export interface QrDeps {
  identity: Pick<IdentityService, "getUser" | "signInApproved">;
  contacts: Pick<ContactsService, "blockedEitherWay">;
  messaging: Pick<MessagingService, "view" | "groupPreview" | "joinByInvite">;
}

/** The state a waiting browser sees; time turns a live login into `expired`. */
export function loginStatus(row: Pick<QrLoginRow, "status" | "expires_at">, now: Date): QrLoginStatus {
  if (row.status === "consumed" || row.status === "cancelled") return row.status;
  return row.expires_at <= now ? "expired" : row.status;
}

/** After these, the browser's socket has nothing more to wait for. */
export function isFinal(status: QrLoginStatus): boolean {
  return status !== "pending" && status !== "scanned";
}

/**
 * QR codes: "add me" and "pay me" codes (long-lived, rotatable), group invites (7 days) and web
 * logins by QR (2 minutes, once). Every code is a random token in a row (see docs/qr.md).
 */
export class QrService {
  readonly #repo: QrRepo;
  #lastLoginSweep = 0;

  constructor(
    db: Db,
    private readonly config: Config,
    private readonly limiter: RateLimiter,
    private readonly bus: EventBus,
    private readonly deps: QrDeps,
  ) {
    this.#repo = new QrRepo(db);
  }

  async myCode(meId: string): Promise<QrCode> {
    const row = await this.#longLived(meId, "user", null);
    return this.#draw(row.token);
  }

  async receiveCode(meId: string, amount: number | null): Promise<ReceiveCode> {
    const row = await this.#longLived(meId, "pay", amount);
    return { ...(await this.#draw(row.token)), amount: this.#money(row.amount) };
  }

  async rotate(meId: string, now = new Date()) {
    await this.#repo.revokeLongLived(meId, now);
  }

  async resolve(meId: string, url: string, now = new Date()): Promise<Resolved> {
    const token = tokenOf(url, this.config.publicUrl);
    if (!token) throw new QrUnknown();
    const code = await this.#repo.code(token);
    if (code) return this.#resolveCode(meId, code, now);
    const login = await this.#repo.loginByCode(token);
    if (!login) throw new QrUnknown();
    const status = loginStatus(login, now);
    if (status === "pending") {
      const scanned = await this.#repo.transition({ id: login.id }, ["pending"], "scanned", now);
      if (scanned) await this.#announce(login.id, "scanned");
    } else if (status !== "scanned") {
      throw new QrExpired("This login code was used or has expired; show a new one.");
    }
    return {
      kind: "login",
      code: login.code,
      expiresAt: login.expires_at.toISOString(),
      device: login.user_agent,
    };
  }

  /** A group's invite: any member may share one; the same one comes back for a day. */
  async invite(meId: string, conversationId: string, now = new Date()): Promise<GroupInvite> {
    const conversation = await this.deps.messaging.view(meId, conversationId);
    if (conversation.type !== "group") {
      throw new Unprocessable("not_a_group", "Direct chats have no invite code.");
    }
    const reuse = await this.#repo.freshInvite(
      conversationId,
      meId,
      new Date(now.getTime() + INVITE_REUSE_MIN_LEFT_MS),
    );
    const row =
      reuse ??
      (await this.#repo.insertCode({
        token: newQrToken(),
        kind: "group",
        user_id: meId,
        conversation_id: conversationId,
        expires_at: new Date(now.getTime() + GROUP_INVITE_TTL_MS),
      }));
    if (!row?.expires_at) throw new Error("invite not stored");
    return {
      ...(await this.#draw(row.token)),
      conversationId,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  async join(
    meId: string,
    url: string,
    now = new Date(),
  ): Promise<{ conversation: Conversation; joined: boolean }> {
    const token = tokenOf(url, this.config.publicUrl);
    const code = token ? await this.#repo.code(token) : undefined;
    if (!code) {
      if (token && (await this.#repo.loginByCode(token))) throw this.#wrongKind();
      throw new QrUnknown();
    }
    const live = await this.#live(meId, code, now);
    if (live.kind !== "group" || !live.conversation_id) throw this.#wrongKind();
    const result = await this.deps.messaging.joinByInvite(meId, live.conversation_id, live.user_id);
    if (result.outcome === "invite_void") {
      throw new QrExpired("This invite no longer works: its sharer left the group.");
    }
    return { conversation: result.conversation, joined: result.outcome === "joined" };
  }

  async startLogin(meta: ClientMeta, now = new Date()): Promise<QrLoginStart> {
    this.limiter.hit(`qr-login:${meta.ip}`, LIMITS.qrLoginsPerAddress);
    await this.#sweepLogins(now);
    const handle = newSecret();
    const code = newQrToken();
    const expiresAt = new Date(now.getTime() + QR_LOGIN_TTL_MS);
    await this.#repo.insertLogin({
      id: newId(),
      handle_hash: hashSecret(handle),
      code,
      user_agent: meta.userAgent?.slice(0, 255) ?? null,
      expires_at: expiresAt,
    });
    return { id: handle, ...(await this.#draw(code)), expiresAt: expiresAt.toISOString() };
  }

  /**
   * The waiting browser asks (with its private handle). The first ask after approval opens
   * the session and answers its token; the login is `consumed` in the same statement, so a
   * second ask (or a racing one) never gets a token.
   */
  async loginState(handle: string, meta: ClientMeta, now = new Date()): Promise<QrLoginState> {
    const row = await this.#repo.loginByHandleHash(hashSecret(handle));
    if (!row) throw new QrUnknown();
    const status = loginStatus(row, now);
    if (status === "approved" && row.user_id) {
      const consumed = await this.#repo.transition({ id: row.id }, ["approved"], "consumed", now);
      if (consumed?.user_id) {
        const { user, token } = await this.deps.identity.signInApproved(consumed.user_id, meta);
        return { status: "approved", token, user, expiresAt: consumed.expires_at.toISOString() };
      }
      return { status: "consumed", expiresAt: row.expires_at.toISOString() };
    }
    return { status, expiresAt: row.expires_at.toISOString() };
  }

  /** A login by its handle, for the browser's socket (null if unknown). */
  async waitingLogin(handle: string): Promise<QrLoginRow | null> {
    return (await this.#repo.loginByHandleHash(hashSecret(handle))) ?? null;
  }

  async loginStatusById(id: string, now = new Date()): Promise<QrLoginStatus | null> {
    const row = await this.#repo.loginById(id);
    return row ? loginStatus(row, now) : null;
  }

  /** A signed-in phone signs the browser in as its user: once, within 2 minutes of the code. */
  async approveLogin(meId: string, code: string, now = new Date()) {
    const row = await this.#repo.transition({ code }, ["pending", "scanned"], "approved", now, {
      user_id: meId,
      // From now the browser has the code's whole lifetime again to collect the session.
      expires_at: new Date(now.getTime() + QR_LOGIN_TTL_MS),
    });
    if (!row) await this.#refuseLogin(code);
    else await this.#announce(row.id, "approved");
  }

  async cancelLogin(_meId: string, code: string, now = new Date()) {
    const row = await this.#repo.transition({ code }, ["pending", "scanned"], "cancelled", now);
    if (!row) await this.#refuseLogin(code);
    else await this.#announce(row.id, "cancelled");
  }

  async #refuseLogin(code: string): Promise<never> {
    if (code.length > 64 || !(await this.#repo.loginByCode(code))) throw new QrUnknown();
    throw new QrExpired("This login code was used or has expired; show a new one.");
  }

  async #announce(loginId: string, status: QrLoginStatus) {
    await this.bus.publish({ kind: "qr-login", loginId, status });
  }

  async #resolveCode(meId: string, code: QrCodeRow, now: Date): Promise<Resolved> {
    const live = await this.#live(meId, code, now);
    switch (live.kind) {
      case "user":
        return { kind: "user", user: await this.deps.identity.getUser(live.user_id) };
      case "pay":
        return {
          kind: "pay",
          payee: await this.deps.identity.getUser(live.user_id),
          amount: this.#money(live.amount),
        };
      case "group": {
        const preview = live.conversation_id
          ? await this.deps.messaging.groupPreview(meId, live.conversation_id, GROUP_PREVIEW_MEMBERS)
          : null;
        if (!preview) throw new QrUnknown();
        if (!preview.memberIds.includes(live.user_id)) {
          throw new QrExpired("This invite no longer works: its sharer left the group.");
        }
        const { memberIds: _ids, ...group } = preview;
        return {
          kind: "group",
          group: {
            ...group,
            invitedBy: await this.deps.identity.getUser(live.user_id),
            expiresAt: (live.expires_at ?? now).toISOString(),
          },
        };
      }
    }
  }

  /** The code if it still works for this scanner: rotated or blocked is unknown, past its time expired. */
  async #live(meId: string, code: QrCodeRow, now: Date): Promise<QrCodeRow> {
    if (code.revoked_at) throw new QrUnknown();
    if (code.expires_at && code.expires_at <= now) throw new QrExpired();
    if (code.user_id !== meId && (await this.deps.contacts.blockedEitherWay(meId, code.user_id))) {
      throw new QrUnknown();
    }
    return code;
  }

  async #longLived(meId: string, kind: "user" | "pay", amount: number | null): Promise<QrCodeRow> {
    const existing = await this.#repo.liveCode(meId, kind, amount);
    if (existing) return existing;
    const inserted = await this.#repo.insertCode({ token: newQrToken(), kind, user_id: meId, amount });
    // A concurrent call made it first: that one is the code.
    const row = inserted ?? (await this.#repo.liveCode(meId, kind, amount));
    if (!row) throw new Error("QR code not stored");
    return row;
  }

  async #draw(token: string): Promise<QrCode> {
    const url = qrUrl(this.config.publicUrl, token);
    return { url, svg: await qrSvg(url) };
  }

  #money(amount: number | null) {
    return amount === null ? null : { amount: Number(amount), currency: this.config.currency };
  }

  #wrongKind() {
    return new Unprocessable("qr_wrong_kind", "This code is not a group invite.");
  }

  async #sweepLogins(now: Date) {
    if (now.getTime() - this.#lastLoginSweep < LOGIN_SWEEP_INTERVAL_MS) return;
    this.#lastLoginSweep = now.getTime();
    await this.#repo.deleteLoginsBefore(new Date(now.getTime() - LOGIN_RETENTION_MS));
  }
}

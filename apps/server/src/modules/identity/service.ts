import type { AuthResult, User } from "@agora/protocol/identity";
import type { Config } from "../../platform/config.ts";
import type { Db } from "../../platform/db.ts";
import { Conflict, NotFound, Unauthorized } from "../../platform/errors.ts";
import type { Session } from "../../platform/http.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { LimitRule, RateLimiter } from "../../platform/rate-limit.ts";
import { hashSecret, newSecret } from "../../platform/tokens.ts";
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from "./password.ts";
import { IdentityRepo } from "./repo.ts";
import type { UserRow } from "./schema.ts";

const SESSION_TTL_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often, so reads don't each cost a write. */
const TOUCH_INTERVAL_MS = 3600_000;
/**
 * A resolved session is remembered this long, so a busy client costs no session query per
 * request. Signing out forgets it at once on every node (through the bus).
 */
const SESSION_CACHE_MS = 30_000;
const SESSION_CACHE_MAX = 50_000;

/** Documented in README: failed logins per handle, attempts per address, sign-ups per address. */
export const LIMITS = {
  loginFailuresPerHandle: { max: 10, windowMs: 15 * 60_000 },
  loginAttemptsPerAddress: { max: 30, windowMs: 5 * 60_000 },
  registrationsPerAddress: { max: 20, windowMs: 3600_000 },
} satisfies Record<string, LimitRule>;

export interface ClientMeta {
  ip: string;
  userAgent: string | undefined;
}

export function toUserView(row: UserRow): User {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_media_id ? `/api/v1/media/${row.avatar_media_id}` : null,
  };
}

export class IdentityService {
  readonly #repo: IdentityRepo;
  readonly #dummyHash: Promise<string>;
  readonly #sessions = new Map<string, { session: Omit<Session, "via">; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly limiter: RateLimiter,
    private readonly media: {
      assertAttachable(userId: string, mediaId: string, kind: "image"): Promise<unknown>;
    },
  ) {
    this.#repo = new IdentityRepo(db);
    this.#dummyHash = DUMMY_HASH_PROMISE(config.scryptCost);
  }

  async register(
    input: { handle: string; displayName: string; password: string },
    meta: ClientMeta,
  ): Promise<AuthResult> {
    this.limiter.hit(`register:${meta.ip}`, LIMITS.registrationsPerAddress);
    const passwordHash = await hashPassword(input.password, this.config.scryptCost);
    const row = await this.db.transaction().execute(async (tx) => {
      const repo = new IdentityRepo(tx);
      const user = await repo.insertUser({
        id: newId(),
        handle: input.handle,
        display_name: input.displayName,
        password_hash: passwordHash,
      });
      if (!user) throw new Conflict("handle_taken", `The handle @${input.handle} is taken.`);
      return user;
    });
    const token = await this.#openSession(row.id, meta);
    return { user: toUserView(row), token };
  }

  async login(input: { handle: string; password: string }, meta: ClientMeta): Promise<AuthResult> {
    const handle = input.handle.trim().replace(/^@/, "").toLowerCase();
    this.limiter.hit(`login-ip:${meta.ip}`, LIMITS.loginAttemptsPerAddress);
    this.limiter.check(`login-handle:${handle}`, LIMITS.loginFailuresPerHandle);
    const row = await this.#repo.userByHandle(handle);
    // Verify against a dummy hash for unknown handles: the answer and its timing are the same.
    const ok = await verifyPassword(input.password, row?.password_hash ?? (await this.#dummyHash));
    if (!row || !ok) {
      this.limiter.hit(`login-handle:${handle}`, LIMITS.loginFailuresPerHandle);
      throw new Unauthorized("Wrong handle or password.", "invalid_credentials");
    }
    this.limiter.reset(`login-handle:${handle}`);
    const token = await this.#openSession(row.id, meta);
    return { user: toUserView(row), token };
  }

  async logout(session: Session) {
    await this.#repo.revokeSession(session.sessionId);
    this.forgetSession(session.sessionId);
  }

  /** Drops a revoked session from this node's cache. */
  forgetSession(sessionId: string) {
    for (const [hash, entry] of this.#sessions) {
      if (entry.session.sessionId === sessionId) this.#sessions.delete(hash);
    }
  }

  /** The session a token opens, or null; extends its life when it is used. */
  async resolveToken(token: string, via: Session["via"]): Promise<Session | null> {
    if (token.length < 20 || token.length > 200) return null;
    const hash = hashSecret(token);
    const cached = this.#sessions.get(hash);
    if (cached && cached.until > Date.now()) return { ...cached.session, via };
    const row = await this.#repo.sessionByTokenHash(hash);
    const now = new Date();
    if (!row || row.expires_at <= now) return null;
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.#repo.touchSession(row.id, now, new Date(now.getTime() + SESSION_TTL_MS));
    }
    const session = { userId: row.user_id, sessionId: row.id };
    if (this.#sessions.size >= SESSION_CACHE_MAX)
      this.#sessions.delete(this.#sessions.keys().next().value as string);
    this.#sessions.set(hash, {
      session,
      until: Math.min(now.getTime() + SESSION_CACHE_MS, row.expires_at.getTime()),
    });
    return { ...session, via };
  }

  async getUser(id: string): Promise<User> {
    const row = isId(id) ? await this.#repo.userById(id) : undefined;
    if (!row) throw new NotFound("user", "user_not_found");
    return toUserView(row);
  }

  async exists(id: string): Promise<boolean> {
    return isId(id) && (await this.#repo.userById(id)) !== undefined;
  }

  /** Views of these users, in the order given; unknown ids are left out. */
  async getUsers(ids: readonly string[]): Promise<User[]> {
    const rows = await this.#repo.usersByIds(ids.filter(isId));
    const byId = new Map(rows.map((r) => [r.id, toUserView(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async search(q: string, excludeIds: readonly string[], limit: number): Promise<User[]> {
    const rows = await this.#repo.search(q.replace(/^@/, ""), excludeIds, limit);
    return rows.map(toUserView);
  }

  async updateProfile(
    userId: string,
    patch: { displayName?: string | undefined; avatarMediaId?: string | null | undefined },
  ) {
    const set: { display_name?: string; avatar_media_id?: string | null } = {};
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.avatarMediaId !== undefined) {
      if (patch.avatarMediaId !== null)
        await this.media.assertAttachable(userId, patch.avatarMediaId, "image");
      set.avatar_media_id = patch.avatarMediaId;
    }
    if (Object.keys(set).length === 0) return this.getUser(userId);
    return toUserView(await this.#repo.updateUser(userId, set));
  }

  /** Avatars are public to every signed-in user. */
  async isAvatar(mediaId: string): Promise<boolean> {
    return isId(mediaId) && (await this.#repo.userWithAvatar(mediaId)) !== undefined;
  }

  /**
   * A new session for a user who proved who they are some other way than a password: a
   * signed-in phone approved this browser's QR login (the QR module checked that).
   */
  async signInApproved(userId: string, meta: ClientMeta): Promise<AuthResult> {
    const row = isId(userId) ? await this.#repo.userById(userId) : undefined;
    if (!row) throw new NotFound("user", "user_not_found");
    const token = await this.#openSession(row.id, meta);
    return { user: toUserView(row), token };
  }

  async #openSession(userId: string, meta: ClientMeta): Promise<string> {
    const token = newSecret();
    await this.#repo.insertSession({
      id: newId(),
      user_id: userId,
      token_hash: hashSecret(token),
      user_agent: meta.userAgent?.slice(0, 255) ?? null,
      expires_at: new Date(Date.now() + SESSION_TTL_MS),
    });
    return token;
  }
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { User } from "@agora/protocol/identity";
import {
  type Amount,
  type Funding,
  MAX_IDEMPOTENCY_KEY,
  PIN_LOCK_MS,
  PIN_MAX_TRIES,
  TRANSACTIONS_CSV_COLUMNS,
  type Transaction,
  type TransactionKind,
  type Transfer,
  type TransferCardPayload,
  type Wallet,
} from "@agora/protocol/wallet";
import type { Config } from "../../platform/config.ts";
import { decodeCursor, encodeCursor } from "../../platform/cursor.ts";
import type { Db, Tx } from "../../platform/db.ts";
import { AppError, BadRequest, Conflict, NotFound, Unprocessable } from "../../platform/errors.ts";
import { GroupCommit } from "../../platform/group-commit.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { LimitRule, RateLimiter } from "../../platform/rate-limit.ts";
import type { ContactsService } from "../contacts/service.ts";
import { type Emit, type EventsService, frameOf } from "../events/service.ts";
import { hashPassword, verifyPassword } from "../identity/password.ts";
import type { IdentityService } from "../identity/service.ts";
import type { MessagingService } from "../messaging/service.ts";
import type { FundingProvider, FundingRequest } from "./funding.ts";
import {
  CLEARING,
  FUNDING,
  InsufficientFunds,
  isRetryable,
  Ledger,
  SYSTEM_ACCOUNTS,
  userAccount,
} from "./ledger.ts";
import { type HistoryRow, type TransferBatchInput, type TransferBatchOutcome, WalletRepo } from "./repo.ts";
import type { FundingRow, PinRow, TransferRow } from "./schema.ts";

/**
 * Payments per user and minute (transfers, top-ups, withdrawals, and other modules' money calls
 * that use `assertPaymentRate`). RATE_LIMIT=off turns it off.
 */
export const PAYMENTS_PER_MINUTE: LimitRule = { max: 60, windowMs: 60_000 };
const MAX_ATTEMPTS = 8;
const USER_CACHE_MS = 5_000;

export interface MoneyMutationOptions {
  /** Whose Idempotency-Key namespace (and whose call this is). */
  userId: string;
  /** The Idempotency-Key header, if any. */
  idempotencyKey?: string | undefined;
  /** What kind of call (a replay with the same key on another route is a conflict). */
  scope: string;
  /** The request as the key's fingerprint (leave secrets such as the PIN out). */
  request?: unknown;
  /** The caller's PIN, checked (after the replay check, before `authorize`) for a PIN-checked call. */
  pin?: string | undefined;
  /** Checks run only when the call is not a replay (rate limit, visibility), before the transaction. */
  authorize?: () => Promise<void>;
}

export type MoneyFn<T> = (tx: Tx, ledger: Ledger, emit: Emit) => Promise<T>;

export class WrongPin extends AppError {
  constructor(triesLeft: number) {
    super(
      422,
      "wrong_pin",
      `Wrong PIN. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left.`,
      {},
      { triesLeft },
    );
  }
}

export class PinLocked extends AppError {
  constructor(until: Date) {
    super(
      423,
      "pin_locked",
      "Too many wrong PINs: payments are locked for 15 minutes.",
      {},
      {
        lockedUntil: until.toISOString(),
      },
    );
  }
}

/** A batched transfer's answer; `slow` sends it down the one-at-a-time path. */
type TransferOutcome = TransferBatchOutcome | { outcome: "slow" };

/** The key was stored by a concurrent call while this one ran (its transaction rolls back). */
class KeyTaken extends Error {}

function hashRequest(scope: string, request: unknown): string {
  return createHash("sha256")
    .update(scope)
    .update("\n")
    .update(JSON.stringify(request ?? null))
    .digest("hex");
}

const REF_FIELD: Partial<Record<TransactionKind, "transferId" | "fundingId" | "redPacketId">> = {
  transfer: "transferId",
  topup: "fundingId",
  withdrawal: "fundingId",
  withdrawal_reversal: "fundingId",
  red_packet: "redPacketId",
  red_packet_claim: "redPacketId",
  red_packet_refund: "redPacketId",
};

/**
 * The wallet: balances, PIN, top-ups and withdrawals through the funding provider, transfers,
 * history. Every money movement, here and in other modules, goes through `moneyMutation`
 * (see ledger.ts for the contract).
 */
export class WalletService {
  readonly #repo: WalletRepo;
  /** Accounts known to exist (accounts are never deleted): saves an insert per movement. */
  readonly #knownAccounts = new Set<string>();
  /** Keyed digests of PINs that scrypt already accepted, so a payment does not pay scrypt each time. */
  readonly #pinCache = new Map<string, { hash: string; digest: Buffer }>();
  readonly #pinKey = randomBytes(32);
  readonly #userCache = new Map<string, { user: User; until: number }>();
  /** Concurrent plain transfers share one statement and one commit (see #writeTransfers). */
  readonly #transfers = new GroupCommit<Omit<TransferBatchInput, "n">, TransferOutcome>((batch) =>
    this.#writeTransfers(batch),
  );
  /** Batches written and items in them (tests check that concurrent transfers were batched). */
  readonly transferBatchStats = { batches: 0, items: 0, largest: 0 };

  constructor(
    db: Db,
    private readonly events: EventsService,
    private readonly identity: IdentityService,
    private readonly contacts: ContactsService,
    private readonly messaging: MessagingService,
    private readonly limiter: RateLimiter,
    private readonly config: Pick<Config, "currency" | "scryptCost">,
    readonly provider: FundingProvider,
  ) {
    this.#repo = new WalletRepo(db);
    provider.connect((id, outcome, ref) => this.settleFunding(id, outcome, ref));
  }

  get currency() {
    return this.config.currency;
  }

  /** Creates the system accounts and hands pending fundings back to the provider. */
  async start() {
    await this.#repo.ensureAccounts(
      SYSTEM_ACCOUNTS.map((a) => ({ id: a.id, kind: a.kind, userId: null, currency: this.currency })),
    );
    for (const a of SYSTEM_ACCOUNTS) this.#knownAccounts.add(a.id);
    const pending = await this.#repo.pendingFundings(this.provider.name);
    await this.provider.resume(pending.map(toFundingRequest));
  }

  // The one wrapper

  /**
   * Runs a money movement: idempotency (same key + same request → the first result, money moved
   * once; another request → 409), one transaction with retries on serialization failures and
   * deadlocks, and `wallet.updated` for every wallet that changed. `replayed` is true when the
   * result is the stored one.
   */
  async moneyMutation<T>(
    opts: MoneyMutationOptions,
    fn: MoneyFn<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    const key = opts.idempotencyKey;
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
      throw new BadRequest("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters.");
    }
    const hash = key === undefined ? "" : hashRequest(opts.scope, opts.request);
    if (key !== undefined || opts.pin !== undefined) {
      const { stored, pin } = await this.#repo.precheck(opts.userId, key ?? null);
      if (stored) return { result: this.#replay<T>(stored, opts.scope, hash), replayed: true };
      if (opts.pin !== undefined) await this.#checkPin(opts.userId, pin, opts.pin);
    }
    await opts.authorize?.();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.events.transaction(async (tx, emit) => {
          const ledger = new Ledger(tx, this.currency, this.#knownAccounts, key ?? null);
          const result = await fn(tx, ledger, emit);
          if (
            key !== undefined &&
            !(await new WalletRepo(tx).storeIdempotentResult(opts.userId, key, opts.scope, hash, result))
          ) {
            // A concurrent call with this key committed first: undo this one, answer with that one's.
            throw new KeyTaken();
          }
          // One event per wallet, in id order (each append locks that user's event head).
          for (const [userId, amount] of [...ledger.touched].sort(([a], [b]) => (a < b ? -1 : 1))) {
            await emit([userId], "wallet.updated", { balance: { amount, currency: this.currency } });
          }
          return { result, replayed: false };
        });
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && isRetryable(err)) {
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        if (key !== undefined && (err instanceof KeyTaken || err instanceof AppError)) {
          // A refusal (say, insufficient funds) may only mean that a concurrent call with this key
          // moved the money first: then its result is the answer.
          const stored = await this.#repo.idempotencyKey(opts.userId, key);
          if (stored) return { result: this.#replay<T>(stored, opts.scope, hash), replayed: true };
        }
        if (err instanceof KeyTaken && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  #replay<T>(
    stored: { scope: string; request_hash: string; response: unknown },
    scope: string,
    hash: string,
  ): T {
    if (stored.scope !== scope || stored.request_hash !== hash) {
      throw new Conflict("idempotency_conflict", "This Idempotency-Key was used with another request.");
    }
    return stored.response as T;
  }

  // PIN and limits (also for other modules' PIN-checked calls)

  /** Throws 422 pin_not_set, 423 pin_locked or 422 wrong_pin (with triesLeft); a right PIN resets the count. */
  async verifyPin(userId: string, pin: string, now = new Date()): Promise<void> {
    await this.#checkPin(userId, await this.#repo.pin(userId), pin, now);
  }

  async #checkPin(userId: string, row: PinRow | undefined, pin: string, now = new Date()) {
    if (!row) throw new Unprocessable("pin_not_set", "Set a payment PIN first.");
    if (row.locked_until && row.locked_until > now) throw new PinLocked(row.locked_until);
    if (!(await this.#pinMatches(userId, row.pin_hash, pin))) {
      const after = await this.#repo.pinFailed(
        userId,
        PIN_MAX_TRIES,
        now,
        new Date(now.getTime() + PIN_LOCK_MS),
      );
      if (after?.locked_until && after.locked_until > now) throw new PinLocked(after.locked_until);
      throw new WrongPin(PIN_MAX_TRIES - (after?.failed_attempts ?? 0));
    }
    if (row.failed_attempts > 0) await this.#repo.pinSucceeded(userId);
  }

  #pinDigest(hash: string, pin: string): Buffer {
    return createHmac("sha256", this.#pinKey).update(hash).update(pin).digest();
  }

  async #pinMatches(userId: string, hash: string, pin: string): Promise<boolean> {
    const digest = this.#pinDigest(hash, pin);
    const cached = this.#pinCache.get(userId);
    if (cached && cached.hash === hash) return timingSafeEqual(cached.digest, digest);
    const ok = await verifyPassword(pin, hash);
    if (ok) {
      if (this.#pinCache.size > 100_000) this.#pinCache.clear();
      this.#pinCache.set(userId, { hash, digest });
    }
    return ok;
  }

  /** Counts one payment against the caller's rate limit (429 rate_limited). */
  assertPaymentRate(userId: string) {
    this.limiter.hit(`pay:${userId}`, PAYMENTS_PER_MINUTE);
  }

  /** 400 currency_mismatch unless the amount is in this deployment's currency. */
  assertCurrency(amount: Amount) {
    if (amount.currency !== this.currency) {
      throw new BadRequest("currency_mismatch", `Amounts are in ${this.currency} here.`);
    }
  }

  async setPin(userId: string, pin: string, currentPin: string | undefined) {
    const existing = await this.#repo.pin(userId);
    if (existing) {
      if (currentPin === undefined) {
        throw new BadRequest("current_pin_required", "Changing the PIN needs the current one (currentPin).");
      }
      await this.verifyPin(userId, currentPin);
    }
    const hash = await hashPassword(pin, this.config.scryptCost);
    await this.#repo.setPin(userId, hash);
    // The PIN just set is known right: the next payment needs no scrypt.
    this.#pinCache.set(userId, { hash, digest: this.#pinDigest(hash, pin) });
  }

  // Views

  async wallet(userId: string, now = new Date()): Promise<Wallet> {
    const [balance, pin] = await Promise.all([this.#repo.balance(userId), this.#repo.pin(userId)]);
    return {
      balance: this.#money(balance),
      hasPin: pin !== undefined,
      pinLockedUntil: pin?.locked_until && pin.locked_until > now ? pin.locked_until.toISOString() : null,
    };
  }

  // Funding

  async topUp(userId: string, amount: Amount, idempotencyKey: string | undefined): Promise<Funding> {
    this.assertCurrency(amount);
    const { result, replayed } = await this.moneyMutation(
      {
        userId,
        idempotencyKey,
        scope: "topup",
        request: { amount },
        authorize: async () => this.assertPaymentRate(userId),
      },
      async (tx) => {
        const row = await new WalletRepo(tx).insertFunding({
          id: newId(),
          user_id: userId,
          kind: "topup",
          amount: amount.amount,
          currency: this.currency,
          status: "pending",
          provider: this.provider.name,
          provider_ref: null,
          entry_id: null,
        });
        return { fundingId: row.id };
      },
    );
    if (!replayed) {
      const row = await this.#repo.funding(result.fundingId);
      if (row) await this.#ask(row);
    }
    return this.funding(userId, result.fundingId);
  }

  async withdraw(userId: string, amount: Amount, pin: string, idempotencyKey: string | undefined) {
    this.assertCurrency(amount);
    const fundingId = newId();
    const { result, replayed } = await this.moneyMutation(
      {
        userId,
        idempotencyKey,
        scope: "withdrawal",
        request: { amount },
        pin,
        authorize: async () => this.assertPaymentRate(userId),
      },
      async (tx, ledger) => {
        const entry = await ledger.post({
          kind: "withdrawal",
          refId: fundingId,
          createdBy: userId,
          postings: [
            { account: userAccount(userId), amount: -amount.amount },
            { account: CLEARING, amount: amount.amount },
          ],
        });
        await new WalletRepo(tx).insertFunding({
          id: fundingId,
          user_id: userId,
          kind: "withdrawal",
          amount: amount.amount,
          currency: this.currency,
          status: "pending",
          provider: this.provider.name,
          provider_ref: null,
          entry_id: entry.id,
        });
        return { fundingId };
      },
    );
    if (!replayed) {
      const row = await this.#repo.funding(result.fundingId);
      if (row) await this.#ask(row);
    }
    return this.funding(userId, result.fundingId);
  }

  /** Hands a new funding to the provider; an immediate answer settles it now. */
  async #ask(row: FundingRow) {
    const req = toFundingRequest(row);
    const answer = row.kind === "topup" ? await this.provider.topUp(req) : await this.provider.withdraw(req);
    if (answer.status !== "pending") await this.settleFunding(row.id, answer.status, answer.providerRef);
  }

  /**
   * The provider's settlement (its callback). A top-up credits the wallet from the funding
   * account; a withdrawal moves from clearing to the funding account (paid out) or back to the
   * wallet (failed). Settling twice changes nothing.
   */
  async settleFunding(fundingId: string, outcome: "completed" | "failed", _providerRef?: string) {
    await this.moneyMutation({ userId: "", scope: "settle" }, async (tx, ledger) => {
      const repo = new WalletRepo(tx);
      const row = await repo.fundingForUpdate(fundingId);
      if (row?.status !== "pending") return null;
      let entryId: string | null = null;
      if (row.kind === "topup" && outcome === "completed") {
        entryId = (
          await ledger.post({
            kind: "topup",
            refId: row.id,
            createdBy: row.user_id,
            postings: [
              { account: FUNDING, amount: -row.amount },
              { account: userAccount(row.user_id), amount: row.amount },
            ],
          })
        ).id;
      } else if (row.kind === "withdrawal") {
        const back = outcome === "failed";
        entryId = (
          await ledger.post({
            kind: back ? "withdrawal_reversal" : "withdrawal_settlement",
            refId: row.id,
            createdBy: row.user_id,
            postings: [
              { account: CLEARING, amount: -row.amount },
              { account: back ? userAccount(row.user_id) : FUNDING, amount: row.amount },
            ],
          })
        ).id;
      }
      await repo.settleFunding(row.id, outcome, entryId);
      return null;
    });
  }

  async funding(userId: string, fundingId: string): Promise<Funding> {
    const row = isId(fundingId) ? await this.#repo.funding(fundingId) : undefined;
    if (!row || row.user_id !== userId) throw new NotFound("funding", "funding_not_found");
    return {
      id: row.id,
      kind: row.kind,
      amount: this.#money(Number(row.amount)),
      status: row.status,
      balance: this.#money(await this.#repo.balance(userId)),
      createdAt: row.created_at.toISOString(),
      settledAt: row.settled_at?.toISOString() ?? null,
    };
  }

  // Transfers

  async transfer(
    meId: string,
    body: {
      toUserId: string;
      amount: Amount;
      note?: string | undefined;
      pin: string;
      conversationId?: string | undefined;
    },
    idempotencyKey: string | undefined,
  ): Promise<Transfer> {
    this.assertCurrency(body.amount);
    if (body.toUserId === meId) throw new BadRequest("self_transfer", "You can't pay yourself.");
    const { pin: _pin, ...fingerprint } = body;
    const note = body.note?.trim() || null;
    let rateCounted = false;
    if (body.conversationId === undefined) {
      const fast = await this.#batchedTransfer(meId, body, fingerprint, note, idempotencyKey, () => {
        rateCounted = true;
      });
      if (fast) return this.withUsers(fast);
    }
    const { result } = await this.moneyMutation(
      {
        userId: meId,
        idempotencyKey,
        scope: "transfer",
        request: fingerprint,
        pin: body.pin,
        authorize: async () => {
          // Blocked either way looks like an unknown user: a block is never revealed.
          // An unknown payee fails the payee's account's foreign key in the write (404 too).
          if (!isId(body.toUserId) || (await this.contacts.blockedEitherWay(meId, body.toUserId))) {
            throw new NotFound("user", "user_not_found");
          }
          if (body.conversationId !== undefined) {
            // Checked before any money moves (the write checks again, under the conversation's lock).
            const conv = await this.messaging.view(meId, body.conversationId);
            if (!conv.members.some((m) => m.id === body.toUserId)) {
              throw new NotFound("conversation", "conversation_not_found");
            }
          }
          if (!rateCounted) this.assertPaymentRate(meId);
        },
      },
      async (tx, ledger, emit) => {
        const id = newId();
        const entry = await ledger.post({
          kind: "transfer",
          refId: id,
          conversationId: body.conversationId ?? null,
          note,
          createdBy: meId,
          postings: [
            { account: userAccount(meId), amount: -body.amount.amount },
            { account: userAccount(body.toUserId), amount: body.amount.amount },
          ],
        });
        let messageId: string | null = null;
        if (body.conversationId !== undefined) {
          const card: TransferCardPayload = {
            transferId: id,
            amount: this.#money(body.amount.amount),
            note,
            toUserId: body.toUserId,
          };
          const message = await this.messaging.postServiceMessage(tx, emit, {
            conversationId: body.conversationId,
            senderId: meId,
            memberIds: [meId, body.toUserId],
            kind: "transfer",
            payload: card,
            clientId: `transfer:${id}`,
          });
          messageId = message.id;
        }
        const row = await new WalletRepo(tx).insertTransfer({
          id,
          from_user_id: meId,
          to_user_id: body.toUserId,
          amount: body.amount.amount,
          currency: this.currency,
          note,
          conversation_id: body.conversationId ?? null,
          message_id: messageId,
          entry_id: entry.id,
        });
        return this.#transferView(row);
      },
    );
    return this.withUsers(result);
  }

  /**
   * A plain transfer (no chat card) through the group commit: the same checks in the same order
   * as moneyMutation (stored key, PIN, payee, rate limit, funds), with the key, PIN state, payee
   * and funds checked by the batch write itself. The PIN is checked here against the hash the
   * last right PIN matched (set or verified on this node); without it, the key and PIN row are
   * read and the PIN checked first, as moneyMutation does. `undefined`: take the one-at-a-time
   * path (a PIN that changed or locked meanwhile, a batch that failed for this item).
   */
  async #batchedTransfer(
    meId: string,
    body: { toUserId: string; amount: Amount; pin: string },
    fingerprint: unknown,
    note: string | null,
    key: string | undefined,
    counted: () => void,
  ): Promise<Transfer | undefined> {
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) return undefined;
    if (!isId(body.toUserId)) return undefined;
    const hash = key === undefined ? "" : hashRequest("transfer", fingerprint);
    let pinHash: string;
    const cached = this.#pinCache.get(meId);
    if (cached && timingSafeEqual(cached.digest, this.#pinDigest(cached.hash, body.pin))) {
      pinHash = cached.hash;
    } else {
      const { stored, pin } = await this.#repo.precheck(meId, key ?? null);
      if (stored) return this.#replay<Transfer>(stored, "transfer", hash);
      await this.#checkPin(meId, pin, body.pin);
      if (!pin) return undefined;
      pinHash = pin.pin_hash;
    }
    this.assertPaymentRate(meId);
    counted();
    const id = newId();
    const view: Transfer = {
      id,
      from: meId,
      to: body.toUserId,
      amount: this.#money(body.amount.amount),
      note,
      status: "completed",
      createdAt: new Date().toISOString(),
      conversationId: null,
      messageId: null,
      fromUser: placeholderUser(meId),
      toUser: placeholderUser(body.toUserId),
    };
    const out = await this.#transfers.submit({
      tid: id,
      eid: newId(),
      fu: meId,
      tu: body.toUserId,
      amount: body.amount.amount,
      note,
      key: key ?? null,
      hash,
      pin: pinHash,
      at: view.createdAt,
      response: view,
    });
    switch (out.outcome) {
      case "ok":
        return view;
      case "replay":
        return out.stored as Transfer;
      case "idempotency_conflict":
        throw new Conflict("idempotency_conflict", "This Idempotency-Key was used with another request.");
      case "pin":
      case "slow":
        return undefined;
      default: {
        // A refusal may only mean that a concurrent call with this key moved the money first.
        if (key !== undefined) {
          const stored = await this.#repo.idempotencyKey(meId, key);
          if (stored) return this.#replay<Transfer>(stored, "transfer", hash);
        }
        if (out.outcome === "insufficient_funds") throw new InsufficientFunds();
        throw new NotFound("user", "user_not_found");
      }
    }
  }

  /**
   * Writes a batch of plain transfers in one statement and one commit, then publishes their
   * `wallet.updated` events. If the batch fails as a whole (a key that raced in from a concurrent
   * batch, a deadlock), each transfer is written on its own; one that fails alone takes the
   * one-at-a-time path (moneyMutation, with its retries), so one bad item never fails the others.
   */
  async #writeTransfers(batch: Omit<TransferBatchInput, "n">[]): Promise<TransferOutcome[]> {
    let out: Awaited<ReturnType<WalletRepo["transferBatch"]>>;
    try {
      out = await this.#repo.transferBatch(
        batch.map((item, n) => ({ ...item, n })),
        this.currency,
      );
    } catch {
      if (batch.length > 1) {
        const outcomes: TransferOutcome[] = [];
        for (const one of batch) outcomes.push(...(await this.#writeTransfers([one])));
        return outcomes;
      }
      return [{ outcome: "slow" }];
    }
    const stats = this.transferBatchStats;
    stats.batches++;
    stats.items += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    const outcomes: TransferOutcome[] = batch.map(() => ({ outcome: "slow" }));
    const deliveries = [];
    for (const o of out.items) {
      outcomes[o.n] = o;
      if (o.outcome !== "ok") continue;
      for (const e of o.events) {
        const payload = { balance: this.#money(e.balance) };
        deliveries.push({
          userId: e.userId,
          eventSeq: e.eventSeq,
          frame: frameOf("wallet.updated", e.eventSeq, out.at, payload),
        });
      }
    }
    await this.events.publish(deliveries);
    return outcomes;
  }

  async getTransfer(meId: string, id: string): Promise<Transfer> {
    const row = isId(id) ? await this.#repo.transfer(id) : undefined;
    if (!row || (row.from_user_id !== meId && row.to_user_id !== meId)) {
      throw new NotFound("transfer", "transfer_not_found");
    }
    return this.withUsers(this.#transferView(row));
  }

  /** Without the users' details: those are looked up after the transaction (`withUsers`). */
  #transferView(row: TransferRow): Transfer {
    return {
      id: row.id,
      from: row.from_user_id,
      to: row.to_user_id,
      amount: this.#money(Number(row.amount)),
      note: row.note,
      status: "completed",
      createdAt: new Date(row.created_at).toISOString(),
      conversationId: row.conversation_id,
      messageId: row.message_id,
      fromUser: placeholderUser(row.from_user_id),
      toUser: placeholderUser(row.to_user_id),
    };
  }

  /** Fills fromUser/toUser (kept out of the transaction and of the stored idempotent result). */
  private async withUsers(t: Transfer): Promise<Transfer> {
    const users = await this.#users([t.from, t.to]);
    return { ...t, fromUser: users.get(t.from) ?? t.fromUser, toUser: users.get(t.to) ?? t.toUser };
  }

  /**
   * People's public views for receipts, remembered for a few seconds: a payer paying again saves a
   * query (a renamed user shows the new name within USER_CACHE_MS). Lookups that miss the cache
   * while others are under way share one query (under load, one per batch of transfers rather
   * than one per transfer).
   */
  async #users(ids: readonly string[]): Promise<Map<string, User>> {
    const now = Date.now();
    const found = new Map<string, User>();
    const missing: string[] = [];
    for (const id of ids) {
      const c = this.#userCache.get(id);
      if (c && c.until > now) found.set(id, c.user);
      else missing.push(id);
    }
    for (const u of await Promise.all(missing.map((id) => this.#userLookups.submit(id)))) {
      if (u) found.set(u.id, u);
    }
    return found;
  }

  readonly #userLookups = new GroupCommit<string, User | undefined>(async (ids) => {
    const users = new Map((await this.identity.getUsers([...new Set(ids)])).map((u) => [u.id, u]));
    const until = Date.now() + USER_CACHE_MS;
    if (this.#userCache.size > 50_000) this.#userCache.clear();
    for (const u of users.values()) this.#userCache.set(u.id, { user: u, until });
    return ids.map((id) => users.get(id));
  });

  // History

  async transactions(
    userId: string,
    q: {
      kind?: TransactionKind | undefined;
      direction?: "in" | "out" | undefined;
      from?: string | undefined;
      to?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ): Promise<{ items: Transaction[]; nextCursor: string | null }> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.#repo.history({
      accountId: userId,
      kind: q.kind,
      direction: q.direction,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      before: key ? { at: new Date(String(key[0])), entryId: String(key[1]) } : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > q.limit && last ? encodeCursor([last.created_at.toISOString(), last.entry_id]) : null;
    return { items: await this.#transactionViews(page), nextCursor };
  }

  /** The CSV export: every matching row, newest first. */
  async transactionsCsv(
    userId: string,
    q: {
      kind?: TransactionKind | undefined;
      direction?: "in" | "out" | undefined;
      from?: string | undefined;
      to?: string | undefined;
    },
  ): Promise<string> {
    const lines = [TRANSACTIONS_CSV_COLUMNS.join(",")];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.transactions(userId, { ...q, cursor, limit: 200 });
      for (const t of page.items) {
        const row: Record<(typeof TRANSACTIONS_CSV_COLUMNS)[number], string | number> = {
          id: t.id,
          createdAt: t.createdAt,
          kind: t.kind,
          amount: t.amount.amount,
          currency: t.amount.currency,
          balanceAfter: t.balanceAfter.amount,
          counterpartyHandle: t.counterparty?.handle ?? "",
          counterpartyName: t.counterparty?.displayName ?? "",
          note: t.note ?? "",
          transferId: t.transferId ?? "",
        };
        lines.push(TRANSACTIONS_CSV_COLUMNS.map((c) => csvField(row[c])).join(","));
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return `${lines.join("\r\n")}\r\n`;
  }

  async #transactionViews(rows: HistoryRow[]): Promise<Transaction[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.counterparty_user_id ? [r.counterparty_user_id] : [])))];
    const users = new Map((await this.identity.getUsers(ids)).map((u) => [u.id, u]));
    return rows.map((r) => {
      const kind = r.kind as TransactionKind;
      const refField = REF_FIELD[kind];
      return {
        id: r.entry_id,
        kind,
        amount: this.#money(r.amount),
        counterparty: r.counterparty_user_id ? (users.get(r.counterparty_user_id) ?? null) : null,
        createdAt: r.created_at.toISOString(),
        balanceAfter: this.#money(r.balance_after),
        note: r.note,
        transferId: refField === "transferId" ? r.ref_id : null,
        fundingId: refField === "fundingId" ? r.ref_id : null,
        redPacketId: refField === "redPacketId" ? r.ref_id : null,
        conversationId: r.conversation_id,
      };
    });
  }

  #money(amount: number) {
    return { amount, currency: this.currency };
  }
}

function toFundingRequest(row: FundingRow): FundingRequest {
  return {
    fundingId: row.id,
    userId: row.user_id,
    kind: row.kind,
    amount: Number(row.amount),
    currency: row.currency,
  };
}

function placeholderUser(id: string): User {
  return { id, handle: "", displayName: "", avatarUrl: null };
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it. */
function csvField(v: string | number): string {
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The ledger API, for the wallet and for other modules that move money (red packets, merchant
 * payments). Every movement goes through ONE wrapper, `WalletService.moneyMutation`:
 *
 *   const { result, replayed } = await wallet.moneyMutation(
 *     { userId, idempotencyKey, scope: "red_packet.create", request: bodyWithoutPin, pin,
 *       authorize: async () => wallet.assertPaymentRate(userId) },
 *     async (tx, ledger, emit) => {
 *       await ledger.post({
 *         kind: "red_packet",               // a TransactionKind (protocol/wallet.ts)
 *         refId: packetId,                  // the cause, in its own module's table
 *         conversationId, note: greeting, createdBy: userId,
 *         postings: [
 *           { account: userAccount(userId), amount: -total },
 *           { account: ESCROW, amount: total },
 *         ],
 *       });
 *       // ... the module's own rows and messages, with `tx` and `emit` (same transaction)
 *       return view; // JSON: stored with the key and returned again on a replay
 *     },
 *   );
 *
 * The wrapper answers a repeated Idempotency-Key from its stored result (same request; another
 * request → 409 idempotency_conflict) before any check, checks `pin` (422 wrong_pin with
 * triesLeft, 423 pin_locked, 422 pin_not_set) and `authorize`, then runs `fn` in one database
 * transaction (events.transaction, so durable events are stored with the money and published
 * after the commit), stores the result under the key at the end of that transaction (a
 * concurrent call with the same key rolls back and answers with the first result: money moves
 * once), emits one `wallet.updated { balance }` per wallet whose balance changed, and retries on
 * a serialization failure or deadlock. `fn` may run more than once: keep side effects outside
 * the database out of it.
 *
 * `ledger.post` locks the accounts in id order (no deadlocks), refuses a wallet or the escrow
 * going below zero (422 insufficient_funds), and writes a balanced entry: postings' amounts
 * sum to zero, each with the account's balance right after it.
 *
 * Batched mode, for plain transfers only (POST /wallet/transfers without a conversationId): the
 * wallet service's transfer group commit (`WalletService.#batchedTransfer` / `#writeTransfers`,
 * the same design as messaging's sends). After the same in-Node checks (key length, payee id,
 * PIN against the hash the last right PIN matched, or the key + PIN row read first as above, then
 * the rate limit), concurrent transfers join one call of the `agora_transfer_batch` PL/pgSQL
 * function (migrations/20261125230000): one round trip and one commit for the batch. It does, per
 * item and in order, what this wrapper and `ledger.post` do for one: stored key → replay or
 * conflict, PIN row unchanged and unlocked, payee a user and not blocked (404), funds (422
 * insufficient_funds for that item alone; later items see earlier ones), accounts locked in id
 * order (all of the batch's, up front, then their event heads in id order), the balanced entry
 * with balance_after, the transfer row, the key with its result, one `wallet.updated` per wallet.
 * The same CHECK constraints guard the rows and `ledger:verify` checks the result. A batch that
 * fails as a whole is written item by item; an item that fails alone, or whose PIN changed or
 * locked meanwhile, takes this wrapper's one-at-a-time path. Transfers with a chat card
 * (conversationId) always take the one-at-a-time path.
 */
import type { Tx } from "../../platform/db.ts";
import { NotFound, Unprocessable } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { WalletRepo } from "./repo.ts";
import type { AccountKind } from "./schema.ts";

/** An account: a user's wallet (`userAccount(id)`) or one of the system accounts below. */
export interface AccountRef {
  id: string;
  kind: AccountKind;
  userId: string | null;
}

/** Where top-ups come from: negative by everything that came in from outside. */
export const FUNDING: AccountRef = {
  id: "00000000-0000-7000-8000-000000000001",
  kind: "funding",
  userId: null,
};
/** Withdrawals waiting for the provider to settle them. */
export const CLEARING: AccountRef = {
  id: "00000000-0000-7000-8000-000000000002",
  kind: "clearing",
  userId: null,
};
/** Red packets' unclaimed money (never below zero). */
export const ESCROW: AccountRef = {
  id: "00000000-0000-7000-8000-000000000003",
  kind: "escrow",
  userId: null,
};
/** Fees (none are charged yet; the account exists so a fee is one more posting). */
export const FEES: AccountRef = { id: "00000000-0000-7000-8000-000000000004", kind: "fees", userId: null };

export const SYSTEM_ACCOUNTS = [FUNDING, CLEARING, ESCROW, FEES] as const;

/** A user's wallet account has the user's id. */
export function userAccount(userId: string): AccountRef {
  return { id: userId, kind: "user", userId };
}

export interface Posting {
  account: AccountRef;
  /** Signed minor units: positive credits the account, negative debits it. */
  amount: number;
  /** Shown as the other party in this account's history; defaults to the other posting's user when there are two. */
  counterpartyUserId?: string | null;
}

export interface EntryInput {
  kind: string;
  postings: Posting[];
  refId?: string | null;
  conversationId?: string | null;
  note?: string | null;
  createdBy?: string | null;
}

export interface PostedEntry {
  id: string;
  /** Balance of each account after this entry, by account id. */
  balances: Map<string, number>;
}

export class InsufficientFunds extends Unprocessable {
  constructor() {
    super("insufficient_funds", "The balance does not cover this amount.");
  }
}

/** A posting names a user that does not exist (a foreign-key violation on the wallet account). */
export class UnknownAccount extends NotFound {
  constructor() {
    super("user", "user_not_found");
  }
}

/** Raised when the transaction must run again (an account cache turned out stale). */
export class RetryTransaction extends Error {}

/**
 * Posts balanced entries inside one transaction. Created by the money-mutation wrapper, never
 * directly; it remembers which wallets changed so the wrapper emits `wallet.updated` for them.
 */
export class Ledger {
  readonly #repo: WalletRepo;
  /** Last known balance of each wallet this transaction touched. */
  readonly touched = new Map<string, number>();

  constructor(
    tx: Tx,
    private readonly currency: string,
    private readonly knownAccounts: Set<string>,
    private readonly idempotencyKey: string | null,
  ) {
    this.#repo = new WalletRepo(tx);
  }

  async post(input: EntryInput): Promise<PostedEntry> {
    const { postings } = input;
    if (postings.length < 2) throw new Error("an entry needs at least two postings");
    let sum = 0;
    const seen = new Set<string>();
    for (const p of postings) {
      if (!Number.isSafeInteger(p.amount) || p.amount === 0)
        throw new Error(`bad posting amount ${p.amount}`);
      if (seen.has(p.account.id)) throw new Error("one posting per account in an entry");
      seen.add(p.account.id);
      sum += p.amount;
    }
    if (sum !== 0) throw new Error(`unbalanced entry (sum ${sum})`);

    const missing = postings.map((p) => p.account).filter((a) => !this.knownAccounts.has(a.id));
    if (missing.length > 0) {
      try {
        await this.#repo.ensureAccounts(
          missing.map((a) => ({ id: a.id, kind: a.kind, userId: a.userId, currency: this.currency })),
        );
      } catch (err) {
        if ((err as { code?: string }).code === "23503") throw new UnknownAccount();
        throw err;
      }
    }

    const id = newId();
    const users = postings.filter((p) => p.account.userId !== null);
    let balances: Map<string, number>;
    try {
      balances = await this.#repo.post(
        {
          id,
          kind: input.kind,
          refId: input.refId ?? null,
          conversationId: input.conversationId ?? null,
          note: input.note ?? null,
          createdBy: input.createdBy ?? null,
          idempotencyKey: this.idempotencyKey,
        },
        postings.map((p) => ({
          accountId: p.account.id,
          amount: p.amount,
          counterpartyUserId:
            p.counterpartyUserId !== undefined
              ? p.counterpartyUserId
              : postings.length === 2
                ? (postings.find((o) => o !== p)?.account.userId ?? null)
                : users.length === 2
                  ? (users.find((o) => o !== p)?.account.userId ?? null)
                  : null,
        })),
      );
    } catch (err) {
      if (String((err as Error).message).includes("ledger_accounts_non_negative"))
        throw new InsufficientFunds();
      if ((err as { code?: string }).code === "23503") throw new UnknownAccount();
      throw err;
    }
    if (balances.size !== postings.length) {
      // An account we thought existed was created by a transaction that rolled back.
      for (const a of postings) this.knownAccounts.delete(a.account.id);
      throw new RetryTransaction("ledger account missing");
    }
    for (const a of missing) this.knownAccounts.add(a.id);
    for (const p of postings) {
      if (p.account.kind === "user") this.touched.set(p.account.id, balances.get(p.account.id) ?? 0);
    }
    return { id, balances };
  }

  /** A wallet's balance as this transaction sees it. */
  balance(userId: string): Promise<number> {
    return this.#repo.balance(userId);
  }
}

/** PostgreSQL codes worth running the whole transaction again for. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof RetryTransaction) return true;
  const code = (err as { code?: string } | null)?.code;
  return code === "40001" || code === "40P01";
}

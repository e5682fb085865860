import { z } from "zod";
import { Id, NoContent, Problem, page } from "./common.ts";
import { User } from "./identity.ts";
import { defineRoute } from "./routes.ts";

/** Amounts are integer minor units (cents): 1 to 10^12 in any request. */
export const MIN_AMOUNT = 1;
export const MAX_AMOUNT = 1_000_000_000_000;
export const MAX_NOTE = 140;
/** Five wrong PINs in a row lock PIN-checked calls for this long. */
export const PIN_MAX_TRIES = 5;
export const PIN_LOCK_MS = 15 * 60_000;
/** The `Idempotency-Key` header every state-changing money call honours (any string of 1 to 255 characters). */
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const MAX_IDEMPOTENCY_KEY = 255;

export const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR");

/** Money as it is shown: a balance (≥ 0) or a signed movement. Never a float. */
export const Money = z.object({ amount: z.number().int(), currency: Currency });
export type Money = z.infer<typeof Money>;

/** Money in a request: 1 to 10^12 minor units, in the deployment's currency (400 otherwise). */
export const Amount = z.object({
  amount: z
    .number()
    .int("an integer number of minor units")
    .min(MIN_AMOUNT, "at least 1 minor unit")
    .max(MAX_AMOUNT, "at most 10^12 minor units"),
  currency: Currency,
});
export type Amount = z.infer<typeof Amount>;

export const Pin = z.string().regex(/^\d{6}$/, "6 digits");
export const Note = z.string().trim().max(MAX_NOTE);

/** Stable machine codes of the wallet's refusals (problem+json `code`). */
export const WalletErrorCode = z.enum([
  /** 422: the balance does not cover the amount. */
  "insufficient_funds",
  /** 422: wrong PIN; the problem carries `triesLeft`. */
  "wrong_pin",
  /** 423: five wrong PINs in a row; the problem carries `lockedUntil`. */
  "pin_locked",
  /** 422: a PIN-checked call before any PIN was set. */
  "pin_not_set",
  /** 400: changing a PIN without `currentPin`. */
  "current_pin_required",
  /** 400: an amount in another currency than the deployment's. */
  "currency_mismatch",
  /** 400: paying oneself. */
  "self_transfer",
  /** 409: the same Idempotency-Key was used with another body. */
  "idempotency_conflict",
  /** 409: the same Idempotency-Key is being processed right now; retry. */
  "idempotency_in_progress",
  /** 400: the Idempotency-Key header is longer than 255 characters. */
  "invalid_idempotency_key",
  /** 429: too many payments. */
  "rate_limited",
]);
export type WalletErrorCode = z.infer<typeof WalletErrorCode>;

/** 422 `wrong_pin`. */
export const WrongPinProblem = Problem.extend({ triesLeft: z.number().int().min(0) });
/** 423 `pin_locked`. */
export const PinLockedProblem = Problem.extend({ lockedUntil: z.string() });

export const Wallet = z.object({
  balance: Money,
  hasPin: z.boolean(),
  /** Set while PIN-checked calls are locked (after five wrong PINs). */
  pinLockedUntil: z.string().nullable(),
});
export type Wallet = z.infer<typeof Wallet>;

export const SetPinBody = z.object({ pin: Pin, currentPin: Pin.optional() });

export const FundingStatus = z.enum(["pending", "completed", "failed"]);
export type FundingStatus = z.infer<typeof FundingStatus>;

/** A top-up or a withdrawal through the funding provider. */
export const Funding = z.object({
  id: Id,
  kind: z.enum(["topup", "withdrawal"]),
  amount: Money,
  /** A top-up credits the wallet once `completed`; a withdrawal debits it at once and is `pending` until the provider settles it (a `failed` one is credited back). */
  status: FundingStatus,
  /** The wallet's balance right after this call. */
  balance: Money,
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type Funding = z.infer<typeof Funding>;

export const TopUpBody = z.object({ amount: Amount });
export const WithdrawBody = z.object({ amount: Amount, pin: Pin });

export const TransferBody = z.object({
  toUserId: Id,
  amount: Amount,
  note: Note.optional(),
  pin: Pin,
  /** Pay inside a chat: both must be members; a `transfer` message appears there (payload `TransferCardPayload`). */
  conversationId: Id.optional(),
});

export const Transfer = z.object({
  id: Id,
  /** Payer's user id. */
  from: Id,
  /** Payee's user id. */
  to: Id,
  amount: Money,
  note: z.string().nullable(),
  status: z.literal("completed"),
  createdAt: z.string(),
  fromUser: User,
  toUser: User,
  conversationId: Id.nullable(),
  /** The `transfer` message posted in `conversationId`. */
  messageId: Id.nullable(),
});
export type Transfer = z.infer<typeof Transfer>;

/** The `payload` of a `transfer` chat message: tap it to open `GET /wallet/transfers/:transferId`. */
export const TransferCardPayload = z.object({
  transferId: Id,
  amount: Money,
  note: z.string().nullable(),
  toUserId: Id,
});
export type TransferCardPayload = z.infer<typeof TransferCardPayload>;

/**
 * What moved money in or out of a wallet. Red packets and merchant payments have their kinds
 * here already so that the history and its filters don't change shape when they land.
 */
export const TransactionKind = z.enum([
  "topup",
  "withdrawal",
  /** A failed withdrawal credited back. */
  "withdrawal_reversal",
  "transfer",
  "red_packet",
  "red_packet_claim",
  "red_packet_refund",
  "payment",
  "payment_refund",
]);
export type TransactionKind = z.infer<typeof TransactionKind>;

export const Transaction = z.object({
  /** The ledger entry's id. */
  id: Id,
  kind: TransactionKind,
  /** Signed: positive into my wallet, negative out of it. */
  amount: Money,
  /** The other person, when there is one (null for the funding provider or escrow). */
  counterparty: User.nullable(),
  createdAt: z.string(),
  /** My balance right after this movement. */
  balanceAfter: Money,
  note: z.string().nullable(),
  transferId: Id.nullable(),
  fundingId: Id.nullable(),
  redPacketId: Id.nullable(),
  conversationId: Id.nullable(),
});
export type Transaction = z.infer<typeof Transaction>;

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Filters shared by the list and its CSV export. `from` inclusive, `to` exclusive (a bare date means its 00:00 UTC). */
export const TransactionFilters = z.object({
  kind: TransactionKind.optional(),
  direction: z.enum(["in", "out"]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const TransactionsQuery = TransactionFilters.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

/** Columns of the CSV export, in order (header row first). */
export const TRANSACTIONS_CSV_COLUMNS = [
  "id",
  "createdAt",
  "kind",
  "amount",
  "currency",
  "balanceAfter",
  "counterpartyHandle",
  "counterpartyName",
  "note",
  "transferId",
] as const;

const tags = ["wallet"] as const;

export const walletRoutes = {
  getWallet: defineRoute({
    method: "GET",
    path: "/wallet",
    summary: "My balance and whether a payment PIN is set.",
    tags,
    auth: true,
    response: { 200: Wallet },
  }),
  setPin: defineRoute({
    method: "PUT",
    path: "/wallet/pin",
    summary:
      "Set the 6-digit payment PIN, or change it with `currentPin` (400 without; a wrong one counts toward the lock: 422 wrong_pin with triesLeft, 423 pin_locked).",
    tags,
    auth: true,
    body: SetPinBody,
    response: { 204: NoContent },
  }),
  topUp: defineRoute({
    method: "POST",
    path: "/wallet/topups",
    summary: "Add money from the funding provider (sandbox by default). Honours Idempotency-Key.",
    tags,
    auth: true,
    body: TopUpBody,
    response: { 201: Funding },
  }),
  withdraw: defineRoute({
    method: "POST",
    path: "/wallet/withdrawals",
    summary:
      "Send money out to the funding provider: debited at once, `pending` until the provider settles it. PIN-checked; honours Idempotency-Key.",
    tags,
    auth: true,
    body: WithdrawBody,
    response: { 201: Funding },
  }),
  getFunding: defineRoute({
    method: "GET",
    path: "/wallet/fundings/:id",
    summary: "One of my top-ups or withdrawals, with its settlement status.",
    tags,
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: Funding },
  }),
  transfer: defineRoute({
    method: "POST",
    path: "/wallet/transfers",
    summary:
      "Pay someone (optionally inside a chat, which then shows a transfer card). PIN-checked; honours Idempotency-Key; 422 insufficient_funds.",
    tags,
    auth: true,
    body: TransferBody,
    response: { 201: Transfer },
  }),
  getTransfer: defineRoute({
    method: "GET",
    path: "/wallet/transfers/:id",
    summary: "A transfer's receipt (payer and payee only; 404 for anyone else).",
    tags,
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: Transfer },
  }),
  listTransactions: defineRoute({
    method: "GET",
    path: "/wallet/transactions",
    summary: "My wallet's history, newest first, with filters (kind, direction, from, to) and cursor paging.",
    tags,
    auth: true,
    query: TransactionsQuery,
    response: { 200: page(Transaction) },
  }),
  exportTransactions: defineRoute({
    method: "GET",
    path: "/wallet/transactions.csv",
    summary: "The same history as CSV (text/csv), same filters, every matching row.",
    tags,
    auth: true,
    query: TransactionFilters,
    response: { 200: z.string() },
  }),
} as const;

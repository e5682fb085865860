import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { AccountKind, FundingRow, PinRow, TransferRow } from "./schema.ts";

export interface PostingInput {
  accountId: string;
  amount: number;
  counterpartyUserId: string | null;
}

export interface HistoryFilter {
  accountId: string;
  kind?: string | undefined;
  direction?: "in" | "out" | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset: rows strictly older than this (created_at, entry_id). */
  before?: { at: Date; entryId: string } | undefined;
  limit: number;
}

export interface HistoryRow {
  entry_id: string;
  kind: string;
  amount: number;
  balance_after: number;
  counterparty_user_id: string | null;
  created_at: Date;
  note: string | null;
  ref_id: string | null;
  conversation_id: string | null;
}

/** One plain transfer of a group-commit batch (see the agora_transfer_batch migration). */
export interface TransferBatchInput {
  n: number;
  /** The transfer's id and its ledger entry's id. */
  tid: string;
  eid: string;
  fu: string;
  tu: string;
  amount: number;
  note: string | null;
  key: string | null;
  hash: string;
  /** The PIN hash the PIN was verified against in Node. */
  pin: string;
  at: string;
  /** The result stored with the key. */
  response: unknown;
}

export type TransferBatchOutcome =
  | { n: number; outcome: "ok"; events: { userId: string; eventSeq: number; balance: number }[] }
  | { n: number; outcome: "replay"; stored: unknown }
  | { n: number; outcome: "idempotency_conflict" | "pin" | "user_not_found" | "insufficient_funds" };

export interface StoredKey {
  scope: string;
  request_hash: string;
  status: number;
  response: unknown;
}

/** The wallet's queries, and the only place that touches its tables. */
export class WalletRepo {
  constructor(private readonly db: Executor) {}

  /** Creates accounts that don't exist yet (never locks an existing row). */
  async ensureAccounts(rows: { id: string; kind: AccountKind; userId: string | null; currency: string }[]) {
    if (rows.length === 0) return;
    await this.db
      .insertInto("ledger_accounts")
      .values(rows.map((r) => ({ id: r.id, kind: r.kind, user_id: r.userId, currency: r.currency })))
      // No conflict target: two first payments of one user race on both the id and the user_id
      // unique index, and a target naming only one let the other fail the payment with a 500.
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /**
   * One statement per movement: locks the accounts in id order (so two movements over the same
   * accounts can't deadlock), adds each delta, writes the entry and its postings with each
   * account's balance after it. A wallet or escrow going below zero violates
   * `ledger_accounts_non_negative` and fails the statement. Returns the new balances (an account
   * that does not exist is missing from them, and nothing of the entry is usable: roll back).
   */
  async post(
    entry: {
      id: string;
      kind: string;
      refId: string | null;
      conversationId: string | null;
      note: string | null;
      createdBy: string | null;
      idempotencyKey: string | null;
    },
    postings: PostingInput[],
  ): Promise<Map<string, number>> {
    const ids = postings.map((p) => p.accountId);
    const { rows } = await sql<{ id: string; balance: number }>`
      with locked as (
        select id from ledger_accounts where id = any(${ids}::uuid[]) order by id for update
      ),
      d as (
        select * from unnest(${ids}::uuid[], ${postings.map((p) => p.amount)}::bigint[],
                             ${postings.map((p) => p.counterpartyUserId)}::uuid[])
          as t(id, delta, counterparty)
      ),
      upd as (
        update ledger_accounts a set balance = a.balance + d.delta
        from d, locked l
        where a.id = d.id and l.id = d.id
        returning a.id, a.balance
      ),
      e as (
        insert into ledger_entries (id, kind, ref_id, conversation_id, note, created_by, idempotency_key)
        values (${entry.id}, ${entry.kind}, ${entry.refId}, ${entry.conversationId}, ${entry.note},
                ${entry.createdBy}, ${entry.idempotencyKey})
      ),
      p as (
        insert into ledger_postings (entry_id, account_id, amount, balance_after, counterparty_user_id)
        select ${entry.id}::uuid, d.id, d.delta, upd.balance, d.counterparty from d join upd on upd.id = d.id
      )
      select id, balance from upd`.execute(this.db);
    return new Map(rows.map((r) => [r.id, Number(r.balance)]));
  }

  async balance(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom("ledger_accounts")
      .select("balance")
      .where("id", "=", accountId)
      .executeTakeFirst();
    return Number(row?.balance ?? 0);
  }

  // PIN

  pin(userId: string): Promise<PinRow | undefined> {
    return this.db.selectFrom("wallet_pins").selectAll().where("user_id", "=", userId).executeTakeFirst();
  }

  async setPin(userId: string, pinHash: string) {
    await this.db
      .insertInto("wallet_pins")
      .values({ user_id: userId, pin_hash: pinHash })
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet({
          pin_hash: pinHash,
          failed_attempts: 0,
          locked_until: null,
          updated_at: new Date(),
        }),
      )
      .execute();
  }

  /**
   * Counts a wrong PIN; the `maxTries`-th in a row locks until `lockUntil` and restarts the count.
   * Wrong PINs that raced in while a lock holds don't count toward the next one.
   */
  async pinFailed(userId: string, maxTries: number, now: Date, lockUntil: Date) {
    const { rows } = await sql<{ failed_attempts: number; locked_until: Date | null }>`
      update wallet_pins set
        failed_attempts = case
          when locked_until > ${now}::timestamptz then failed_attempts
          when failed_attempts + 1 >= ${maxTries} then 0
          else failed_attempts + 1 end,
        locked_until = case
          when locked_until > ${now}::timestamptz then locked_until
          when failed_attempts + 1 >= ${maxTries} then ${lockUntil}::timestamptz
          else locked_until end
      where user_id = ${userId}
      returning failed_attempts, locked_until`.execute(this.db);
    return rows[0];
  }

  async pinSucceeded(userId: string) {
    await this.db
      .updateTable("wallet_pins")
      .set({ failed_attempts: 0 })
      .where("user_id", "=", userId)
      .where("failed_attempts", ">", 0)
      .execute();
  }

  // Transfers and fundings

  async insertTransfer(row: Omit<TransferRow, "created_at">) {
    return this.db.insertInto("wallet_transfers").values(row).returningAll().executeTakeFirstOrThrow();
  }

  transfer(id: string): Promise<TransferRow | undefined> {
    return this.db.selectFrom("wallet_transfers").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async insertFunding(row: Omit<FundingRow, "created_at" | "settled_at" | "settle_entry_id">) {
    return this.db.insertInto("wallet_fundings").values(row).returningAll().executeTakeFirstOrThrow();
  }

  funding(id: string): Promise<FundingRow | undefined> {
    return this.db.selectFrom("wallet_fundings").selectAll().where("id", "=", id).executeTakeFirst();
  }

  fundingForUpdate(id: string): Promise<FundingRow | undefined> {
    return this.db
      .selectFrom("wallet_fundings")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
  }

  async settleFunding(id: string, status: "completed" | "failed", settleEntryId: string | null) {
    return this.db
      .updateTable("wallet_fundings")
      .set({ status, settle_entry_id: settleEntryId, settled_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  pendingFundings(provider: string) {
    return this.db
      .selectFrom("wallet_fundings")
      .selectAll()
      .where("status", "=", "pending")
      .where("provider", "=", provider)
      .orderBy("created_at")
      .limit(1000)
      .execute();
  }

  /**
   * Writes a batch of plain transfers in one statement and one commit (group commit): see the
   * agora_transfer_batch function for the checks and writes done for each item, in order.
   */
  async transferBatch(
    items: readonly TransferBatchInput[],
    currency: string,
  ): Promise<{ at: Date; items: TransferBatchOutcome[] }> {
    const { rows } = await sql<{ out: { at: string; items: [number, string, unknown][] } }>`
      select agora_transfer_batch(${JSON.stringify(items)}::jsonb, ${currency}) as out`.execute(this.db);
    const out = rows[0]?.out;
    if (!out) throw new Error("agora_transfer_batch returned nothing");
    return {
      at: new Date(out.at),
      items: out.items.map(([n, outcome, detail]): TransferBatchOutcome => {
        if (outcome === "ok") {
          return {
            n: Number(n),
            outcome,
            events: (detail as [string, number, number][]).map(([userId, eventSeq, balance]) => ({
              userId,
              eventSeq: Number(eventSeq),
              balance: Number(balance),
            })),
          };
        }
        if (outcome === "replay") return { n: Number(n), outcome, stored: detail };
        return { n: Number(n), outcome: outcome as "pin" };
      }),
    };
  }

  // Idempotency keys

  idempotencyKey(userId: string, key: string) {
    return this.db
      .selectFrom("wallet_idempotency_keys")
      .select(["scope", "request_hash", "status", "response"])
      .where("user_id", "=", userId)
      .where("key", "=", key)
      .executeTakeFirst();
  }

  /** The key's stored call and the user's PIN row, in one round trip (before a money call). */
  async precheck(
    userId: string,
    key: string | null,
  ): Promise<{ stored: StoredKey | undefined; pin: PinRow | undefined }> {
    const { rows } = await sql<{
      k: StoredKey | null;
      p:
        | (Omit<PinRow, "locked_until" | "updated_at"> & { locked_until: string | null; updated_at: string })
        | null;
    }>`
      select
        (select to_jsonb(k) from (select scope, request_hash, status, response from wallet_idempotency_keys
           where user_id = ${userId} and key = ${key}) k) as k,
        (select to_jsonb(p) from wallet_pins p where user_id = ${userId}) as p`.execute(this.db);
    const row = rows[0];
    const p = row?.p ?? null;
    return {
      stored: row?.k ?? undefined,
      pin: p
        ? {
            ...p,
            locked_until: p.locked_until ? new Date(p.locked_until) : null,
            updated_at: new Date(p.updated_at),
          }
        : undefined,
    };
  }

  /**
   * Stores a money call's result under its key, at the end of its transaction. A concurrent call
   * with the same key waits on the primary key until the first transaction ends: `false` then
   * means the first one committed (roll back and answer with its result).
   */
  async storeIdempotentResult(
    userId: string,
    key: string,
    scope: string,
    requestHash: string,
    response: unknown,
  ): Promise<boolean> {
    const row = await this.db
      .insertInto("wallet_idempotency_keys")
      .values({
        user_id: userId,
        key,
        scope,
        request_hash: requestHash,
        status: 200,
        response: JSON.stringify(response ?? null),
      })
      .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    return row !== undefined;
  }

  // History

  async history(f: HistoryFilter): Promise<HistoryRow[]> {
    let q = this.db
      .selectFrom("ledger_postings as p")
      .innerJoin("ledger_entries as e", "e.id", "p.entry_id")
      .select([
        "p.entry_id",
        "e.kind",
        "p.amount",
        "p.balance_after",
        "p.counterparty_user_id",
        "p.created_at",
        "e.note",
        "e.ref_id",
        "e.conversation_id",
      ])
      .where("p.account_id", "=", f.accountId);
    if (f.kind) q = q.where("e.kind", "=", f.kind);
    if (f.direction === "in") q = q.where("p.amount", ">", 0);
    if (f.direction === "out") q = q.where("p.amount", "<", 0);
    if (f.from) q = q.where("p.created_at", ">=", f.from);
    if (f.to) q = q.where("p.created_at", "<", f.to);
    if (f.before) {
      const b = f.before;
      q = q.where((eb) =>
        eb.or([
          eb("p.created_at", "<", b.at),
          eb.and([eb("p.created_at", "=", b.at), eb("p.entry_id", "<", b.entryId)]),
        ]),
      );
    }
    const rows = await q
      .orderBy("p.created_at", "desc")
      .orderBy("p.entry_id", "desc")
      .limit(f.limit)
      .execute();
    return rows.map((r) => ({ ...r, amount: Number(r.amount), balance_after: Number(r.balance_after) }));
  }
}

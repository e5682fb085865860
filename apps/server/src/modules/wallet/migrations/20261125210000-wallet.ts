import { type Kysely, sql } from "kysely";

/**
 * The wallet's double-entry ledger. `ledger_accounts.balance` is a cache of the sum of the
 * account's postings, updated in the same transaction as the postings (`npm run ledger:verify`
 * recomputes it). A user's wallet account has the user's id as its id; system accounts have
 * fixed ids (see ledger.ts).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table ledger_accounts (
      id uuid primary key,
      kind text not null check (kind in ('user', 'funding', 'clearing', 'escrow', 'fees')),
      user_id uuid unique references users(id) on delete restrict,
      currency text not null,
      balance bigint not null default 0,
      created_at timestamptz not null default now(),
      constraint ledger_accounts_user_kind check ((kind = 'user') = (user_id is not null)),
      -- Money held for people (wallets, red-packet escrow) can never be negative, whatever the
      -- concurrency; the funding account is negative by what came in from outside.
      constraint ledger_accounts_non_negative check (kind not in ('user', 'escrow') or balance >= 0)
    )`.execute(db);

  await sql`
    create table ledger_entries (
      id uuid primary key,
      kind text not null,
      -- The cause: a transfer, a funding, a red packet, a payment (its id in its own table).
      ref_id uuid,
      conversation_id uuid,
      note text,
      created_by uuid,
      idempotency_key text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ledger_entries_ref on ledger_entries (ref_id)`.execute(db);

  await sql`
    create table ledger_postings (
      entry_id uuid not null references ledger_entries(id),
      account_id uuid not null references ledger_accounts(id),
      amount bigint not null check (amount <> 0),
      balance_after bigint not null,
      counterparty_user_id uuid,
      created_at timestamptz not null default now(),
      primary key (entry_id, account_id)
    )`.execute(db);
  await sql`create index ledger_postings_history on ledger_postings (account_id, created_at desc, entry_id desc)`.execute(
    db,
  );

  await sql`
    create table wallet_pins (
      user_id uuid primary key references users(id) on delete cascade,
      pin_hash text not null,
      failed_attempts int not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table wallet_transfers (
      id uuid primary key,
      from_user_id uuid not null references users(id),
      to_user_id uuid not null references users(id),
      amount bigint not null check (amount > 0),
      currency text not null,
      note text,
      conversation_id uuid,
      message_id uuid,
      entry_id uuid not null references ledger_entries(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table wallet_fundings (
      id uuid primary key,
      user_id uuid not null references users(id),
      kind text not null check (kind in ('topup', 'withdrawal')),
      amount bigint not null check (amount > 0),
      currency text not null,
      status text not null check (status in ('pending', 'completed', 'failed')),
      provider text not null,
      provider_ref text,
      entry_id uuid references ledger_entries(id),
      settle_entry_id uuid references ledger_entries(id),
      created_at timestamptz not null default now(),
      settled_at timestamptz
    )`.execute(db);
  await sql`create index wallet_fundings_pending on wallet_fundings (created_at) where status = 'pending'`.execute(
    db,
  );

  // A money call's Idempotency-Key, stored in the same transaction as the money it moved: a
  // concurrent call with the same key waits on this row's unique index, then finds the result.
  await sql`
    create table wallet_idempotency_keys (
      user_id uuid not null references users(id) on delete cascade,
      key text not null,
      scope text not null,
      request_hash text not null,
      status int not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const t of [
    "wallet_idempotency_keys",
    "wallet_fundings",
    "wallet_transfers",
    "wallet_pins",
    "ledger_postings",
    "ledger_entries",
    "ledger_accounts",
  ]) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}

import { type Kysely, sql } from "kysely";

export interface LedgerReport {
  accounts: number;
  entries: number;
  postings: number;
  /** Sum of every account's balance (must be 0). */
  total: number;
  /** Money held in wallets, by the cached balances. */
  inWallets: number;
  violations: string[];
}

/**
 * Recomputes the ledger from its postings and checks its invariants: every entry balanced (and
 * at least two postings), every cached balance equal to the sum of its postings, the sum of all
 * accounts zero, no wallet or escrow below zero, each Idempotency-Key behind at most one entry,
 * no key stored without a result, every transfer and settled funding backed by its entry.
 * Read-only; `npm run ledger:verify` prints it, tests assert on it.
 */
export async function verifyLedger(db: Kysely<unknown>): Promise<LedgerReport> {
  const violations: string[] = [];
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows;

  const [counts] = await one<{
    accounts: number;
    entries: number;
    postings: number;
    total: number;
    wallets: number;
  }>(sql`
    select (select count(*) from ledger_accounts)::int as accounts,
           (select count(*) from ledger_entries)::int as entries,
           (select count(*) from ledger_postings)::int as postings,
           (select coalesce(sum(balance), 0) from ledger_accounts)::text as total,
           (select coalesce(sum(balance), 0) from ledger_accounts where kind = 'user')::text as wallets`);
  const total = Number(counts?.total ?? 0);
  if (total !== 0) violations.push(`the accounts sum to ${total}, not 0`);

  for (const r of await one<{ entry_id: string; n: number; s: string }>(sql`
    select entry_id, count(*)::int as n, sum(amount)::text as s from ledger_postings
    group by entry_id having sum(amount) <> 0 or count(*) < 2 limit 50`)) {
    violations.push(`entry ${r.entry_id} is unbalanced (${r.n} postings summing to ${r.s})`);
  }
  for (const r of await one<{ id: string }>(sql`
    select e.id from ledger_entries e where not exists (select 1 from ledger_postings p where p.entry_id = e.id) limit 50`)) {
    violations.push(`entry ${r.id} has no postings`);
  }
  for (const r of await one<{ id: string; balance: string; computed: string }>(sql`
    select a.id, a.balance::text, coalesce(sum(p.amount), 0)::text as computed
    from ledger_accounts a left join ledger_postings p on p.account_id = a.id
    group by a.id, a.balance having a.balance <> coalesce(sum(p.amount), 0) limit 50`)) {
    violations.push(`account ${r.id} says ${r.balance} but its postings sum to ${r.computed}`);
  }
  for (const r of await one<{ id: string; kind: string; balance: string }>(sql`
    select id, kind, balance::text from ledger_accounts where kind in ('user', 'escrow') and balance < 0 limit 50`)) {
    violations.push(`${r.kind} account ${r.id} is negative (${r.balance})`);
  }
  for (const r of await one<{ created_by: string; idempotency_key: string; n: number }>(sql`
    select created_by, idempotency_key, count(*)::int as n from ledger_entries
    where idempotency_key is not null group by created_by, idempotency_key having count(*) > 1 limit 50`)) {
    violations.push(`Idempotency-Key ${r.idempotency_key} of ${r.created_by} moved money ${r.n} times`);
  }
  for (const r of await one<{ user_id: string; key: string }>(sql`
    select user_id, key from wallet_idempotency_keys where status = 0 limit 50`)) {
    violations.push(`Idempotency-Key ${r.key} of ${r.user_id} is stored without a result`);
  }
  for (const r of await one<{ id: string }>(sql`
    select t.id from wallet_transfers t
    left join ledger_postings p on p.entry_id = t.entry_id and p.account_id = t.from_user_id and p.amount = -t.amount
    left join ledger_postings q on q.entry_id = t.entry_id and q.account_id = t.to_user_id and q.amount = t.amount
    where p.entry_id is null or q.entry_id is null limit 50`)) {
    violations.push(`transfer ${r.id} does not match its ledger entry`);
  }
  for (const r of await one<{ id: string }>(sql`
    select id from wallet_fundings
    where (kind = 'topup' and status = 'completed' and settle_entry_id is null)
       or (kind = 'withdrawal' and entry_id is null)
       or (kind = 'withdrawal' and status <> 'pending' and settle_entry_id is null) limit 50`)) {
    violations.push(`funding ${r.id} is missing its ledger entry`);
  }
  return {
    accounts: counts?.accounts ?? 0,
    entries: counts?.entries ?? 0,
    postings: counts?.postings ?? 0,
    total,
    inWallets: Number(counts?.wallets ?? 0),
    violations,
  };
}

export function formatReport(r: LedgerReport): string {
  const lines = [
    `ledger: ${r.accounts} accounts, ${r.entries} entries, ${r.postings} postings`,
    `sum of all accounts: ${r.total}; held in wallets: ${r.inWallets}`,
  ];
  if (r.violations.length === 0)
    lines.push("OK: balanced, every balance matches its postings, nothing negative");
  else lines.push(`${r.violations.length} violation(s):`, ...r.violations.map((v) => `  - ${v}`));
  return lines.join("\n");
}

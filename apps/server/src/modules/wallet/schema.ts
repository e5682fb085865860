import type { ColumnType, Selectable } from "kysely";

export type AccountKind = "user" | "funding" | "clearing" | "escrow" | "fees";

export interface LedgerAccountsTable {
  id: string;
  kind: AccountKind;
  user_id: string | null;
  currency: string;
  balance: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface LedgerEntriesTable {
  id: string;
  kind: string;
  ref_id: string | null;
  conversation_id: string | null;
  note: string | null;
  created_by: string | null;
  idempotency_key: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface LedgerPostingsTable {
  entry_id: string;
  account_id: string;
  amount: number;
  balance_after: number;
  counterparty_user_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface WalletPinsTable {
  user_id: string;
  pin_hash: string;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface WalletTransfersTable {
  id: string;
  from_user_id: string;
  to_user_id: string;
  amount: number;
  currency: string;
  note: string | null;
  conversation_id: string | null;
  message_id: string | null;
  entry_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface WalletFundingsTable {
  id: string;
  user_id: string;
  kind: "topup" | "withdrawal";
  amount: number;
  currency: string;
  status: "pending" | "completed" | "failed";
  provider: string;
  provider_ref: string | null;
  entry_id: string | null;
  settle_entry_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  settled_at: Date | null;
}

export interface WalletIdempotencyKeysTable {
  user_id: string;
  key: string;
  scope: string;
  request_hash: string;
  status: number;
  response: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type TransferRow = Selectable<WalletTransfersTable>;
export type FundingRow = Selectable<WalletFundingsTable>;
export type PinRow = Selectable<WalletPinsTable>;

export interface WalletTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_postings: LedgerPostingsTable;
  wallet_pins: WalletPinsTable;
  wallet_transfers: WalletTransfersTable;
  wallet_fundings: WalletFundingsTable;
  wallet_idempotency_keys: WalletIdempotencyKeysTable;
}

import type { ColumnType, Selectable } from "kysely";

/** Codes people show and share; the token is the code's whole secret (see docs/qr.md). */
export interface QrCodesTable {
  token: string;
  kind: "user" | "pay" | "group";
  /** The person the code is about ("add me", "pay me"), or who shared a group invite. */
  user_id: string;
  conversation_id: string | null;
  /** A "pay me" code's fixed amount in minor units; null lets the payer choose. */
  amount: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Null for the long-lived codes (until rotated). */
  expires_at: Date | null;
  revoked_at: Date | null;
}

export type QrLoginState = "pending" | "scanned" | "approved" | "consumed" | "cancelled";

/** A browser waiting to be signed in by a phone that scans its code. */
export interface QrLoginsTable {
  id: string;
  /** SHA-256 of the browser's private handle: the handle itself is never stored. */
  handle_hash: string;
  /** The token in the code's URL: approving needs it, collecting the session does not accept it. */
  code: string;
  status: QrLoginState;
  /** Who approved (set with `approved`). */
  user_id: string | null;
  user_agent: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Scanning and approving stop then; an approval moves it on by the time the browser has to collect. */
  expires_at: Date;
}

export interface QrTables {
  qr_codes: QrCodesTable;
  qr_logins: QrLoginsTable;
}

export type QrCodeRow = Selectable<QrCodesTable>;
export type QrLoginRow = Selectable<QrLoginsTable>;

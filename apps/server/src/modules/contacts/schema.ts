import type { ColumnType } from "kysely";

export type ContactRequestStatus = "pending" | "accepted" | "declined";

export interface ContactRequestsTable {
  id: string;
  from_user_id: string;
  to_user_id: string;
  message: string | null;
  status: ContactRequestStatus;
  created_at: ColumnType<Date, Date | undefined, never>;
  responded_at: Date | null;
}

/** Symmetric: one row each way, so "my contacts" is one index range. */
export interface ContactsTable {
  user_id: string;
  contact_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ContactsTables {
  contact_requests: ContactRequestsTable;
  contacts: ContactsTable;
  blocks: BlocksTable;
}

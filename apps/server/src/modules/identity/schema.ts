import type { ColumnType, Generated, Selectable } from "kysely";

export interface UsersTable {
  id: string;
  /** Lower-case; unique. */
  handle: string;
  display_name: string;
  password_hash: string;
  avatar_media_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  user_agent: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  revoked: Generated<boolean>;
}

export interface IdentityTables {
  users: UsersTable;
  sessions: SessionsTable;
}

export type UserRow = Selectable<UsersTable>;

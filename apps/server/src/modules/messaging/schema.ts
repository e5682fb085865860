import type { ColumnType, Selectable } from "kysely";

export interface ConversationsTable {
  id: string;
  type: "direct" | "group";
  title: string | null;
  owner_id: string | null;
  /** `<smaller id>:<larger id>` for direct chats: one chat per pair. */
  direct_key: string | null;
  /** The seq of the newest message; the row lock on it makes seq gap-free. */
  last_seq: number;
  last_activity_at: Date;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ConversationMembersTable {
  conversation_id: string;
  user_id: string;
  role: "owner" | "member";
  /** Messages up to this seq came before the member joined and stay hidden from them. */
  visible_after_seq: number;
  last_read_seq: number;
  joined_at: ColumnType<Date, Date | undefined, never>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_id: string;
  kind: string;
  text: string | null;
  media_id: string | null;
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
  recalled_at: Date | null;
}

export interface MessagingTables {
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
}

export type ConversationRow = Selectable<ConversationsTable>;
export type MemberRow = Selectable<ConversationMembersTable>;
export type MessageRow = Selectable<MessagesTable>;

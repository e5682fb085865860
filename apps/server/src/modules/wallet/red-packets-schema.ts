import type { ColumnType, Selectable } from "kysely";

export interface RedPacketsTable {
  id: string;
  sender_id: string;
  conversation_id: string;
  /** In a direct chat, the only one who may claim; null in a group. */
  recipient_id: string | null;
  message_id: string | null;
  mode: "random" | "equal";
  currency: string;
  total: number;
  count: number;
  greeting: string | null;
  claimed_count: ColumnType<number, number | undefined, number>;
  claimed_amount: ColumnType<number, number | undefined, number>;
  /** `refunded`: expired with shares left, the rest returned to the sender. */
  status: ColumnType<"open" | "finished" | "refunded", "open" | undefined, "open" | "finished" | "refunded">;
  refunded_amount: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

/** Shares drawn at sending, claimed in `seq` order. */
export interface RedPacketSharesTable {
  red_packet_id: string;
  seq: number;
  amount: number;
  claimed_by: string | null;
  claimed_at: Date | null;
}

export interface RedPacketTables {
  red_packets: RedPacketsTable;
  red_packet_shares: RedPacketSharesTable;
}

export type RedPacketRow = Selectable<RedPacketsTable>;
export type RedPacketShareRow = Selectable<RedPacketSharesTable>;

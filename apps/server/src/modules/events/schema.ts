import type { ColumnType } from "kysely";

/** Each user's durable event inbox; (user_id, event_seq) is gap-free per user. */
export interface UserEventsTable {
  user_id: string;
  event_seq: number;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  /** The row this event is about, when it holds a reference instead of a copy (payload `{}`). */
  ref_id: ColumnType<string | null, string | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** The last eventSeq handed out per user; its row lock orders that user's events. */
export interface UserEventHeadsTable {
  user_id: string;
  last_event_seq: number;
}

export interface EventsTables {
  user_events: UserEventsTable;
  user_event_heads: UserEventHeadsTable;
}

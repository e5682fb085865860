import type { ColumnType } from "kysely";

export type VisibilityMode = "contacts" | "private" | "only" | "except";

export interface MomentsTable {
  id: string;
  author_id: string;
  text: string | null;
  visibility: VisibilityMode;
  /** Millisecond precision, so a keyset cursor names a row exactly. */
  created_at: Date;
}

export interface MomentMediaTable {
  moment_id: string;
  position: number;
  media_id: string;
  width: number | null;
  height: number | null;
}

export interface MomentAudienceTable {
  moment_id: string;
  user_id: string;
}

export interface MomentLikesTable {
  moment_id: string;
  user_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MomentCommentsTable {
  id: string;
  moment_id: string;
  author_id: string;
  reply_to_id: string | null;
  text: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MomentNotificationsTable {
  id: string;
  recipient_id: string;
  kind: "like" | "comment";
  moment_id: string;
  actor_id: string;
  comment_id: string | null;
  read: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MomentPermissionsTable {
  owner_id: string;
  other_id: string;
  hide_mine: boolean;
  hide_theirs: boolean;
}

export interface MomentSettingsTable {
  user_id: string;
  visible_range: "3d" | "6m" | "all";
}

/** A type, not an interface: `withTables` wants an index-compatible record. */
export type MomentsTables = {
  moments: MomentsTable;
  moment_media: MomentMediaTable;
  moment_audience: MomentAudienceTable;
  moment_likes: MomentLikesTable;
  moment_comments: MomentCommentsTable;
  moment_notifications: MomentNotificationsTable;
  moment_permissions: MomentPermissionsTable;
  moment_settings: MomentSettingsTable;
};

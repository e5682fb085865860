import type { ColumnType, Selectable } from "kysely";

export interface MediaTable {
  id: string;
  owner_id: string;
  kind: "image" | "voice" | "file";
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  name: string | null;
  has_thumb: boolean;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MediaTables {
  media: MediaTable;
}

export type MediaRow = Selectable<MediaTable>;

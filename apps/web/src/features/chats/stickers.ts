import { STICKERS } from "@agora/protocol/messaging";

const DRAWN = ["wave", "laugh", "love", "thumbs_up", "party", "cry", "angry", "sleepy"] as const;

/** A sticker the app can draw (Sticker.tsx). */
export type StickerId = (typeof DRAWN)[number];

/** The protocol's stickers, in its order, that this app draws. */
export const STICKER_IDS: readonly StickerId[] = STICKERS.filter((id): id is StickerId =>
  (DRAWN as readonly string[]).includes(id),
);

export function isStickerId(id: unknown): id is StickerId {
  return typeof id === "string" && (STICKER_IDS as readonly string[]).includes(id);
}

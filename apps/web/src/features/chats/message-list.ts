import type { Message } from "@agora/protocol/messaging";

/** A conversation's loaded messages: a contiguous window ending at the newest one we know of. */
export interface MessageWindow {
  items: Message[];
  /** Whether older messages exist before the first loaded one. */
  hasOlder: boolean;
}

/**
 * Merges messages into a seq-ordered list, each once: the same id or the same seq is the same
 * message, and the incoming copy wins (it may be the recalled version).
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const bySeq = new Map<number, Message>();
  const incomingIds = new Set(incoming.map((m) => m.id));
  for (const m of existing) if (!incomingIds.has(m.id)) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The message with this id, marked recalled: its content is gone for everyone. */
export function recallIn(items: readonly Message[], messageId: string): Message[] {
  return items.map((m) =>
    m.id === messageId ? { ...m, recalled: true, text: null, mediaId: null, payload: null } : m,
  );
}

/** The highest seq in a list (0 when empty). */
export function lastSeqOf(items: readonly Message[]): number {
  return items.at(-1)?.seq ?? 0;
}

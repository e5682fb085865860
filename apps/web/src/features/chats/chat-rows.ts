import type { Message } from "@agora/protocol/messaging";
import { sameDay } from "./format-time.ts";
import type { OutboxItem } from "./outbox.ts";

/** Where one of my messages stands. */
export type Delivery = "uploading" | "pending" | "failed" | "sent" | "read";

/** A message as the chat shows it: confirmed by the server, or still on this device. */
export interface ShownMessage {
  key: string;
  message: Message;
  /** Only for my messages. */
  delivery?: Delivery | undefined;
  error?: string | undefined;
  /** Upload progress 0..1 and a local preview, while a photo/file/voice is uploading. */
  progress?: number | undefined;
  localUrl?: string | undefined;
}

export type ChatRow =
  | { type: "day"; key: string; date: Date }
  | { type: "message"; key: string; item: ShownMessage; firstOfRun: boolean; lastOfRun: boolean };

/** A still-unsent message, shaped like one from the server so the same bubble draws it. */
export function localMessage(item: OutboxItem, meId: string): Message {
  return {
    id: `local:${item.clientId}`,
    conversationId: item.conversationId,
    seq: Number.MAX_SAFE_INTEGER,
    senderId: meId,
    clientId: item.clientId,
    kind: item.kind,
    text: item.text ?? null,
    mediaId: item.mediaId ?? null,
    payload: item.payload ?? null,
    createdAt: item.createdAt,
    recalled: false,
  };
}

/**
 * Server messages, then what is still on its way, each once: an outbox item whose clientId the
 * server already answered is not drawn again. Messages of one sender a few minutes apart form a
 * run (one avatar, one name); a day separator starts each new day.
 */
export function buildRows(
  confirmed: readonly Message[],
  pending: readonly ShownMessage[],
  meId: string,
  readUpTo: number,
): ChatRow[] {
  const confirmedClientIds = new Set(confirmed.filter((m) => m.senderId === meId).map((m) => m.clientId));
  const shown: ShownMessage[] = [
    ...confirmed.map((message) => ({
      key: message.senderId === meId ? `c:${message.clientId}` : message.id,
      message,
      delivery:
        message.senderId === meId && message.kind !== "system"
          ? ((message.seq <= readUpTo ? "read" : "sent") as Delivery)
          : undefined,
    })),
    ...pending.filter((p) => !confirmedClientIds.has(p.message.clientId)),
  ];
  const rows: ChatRow[] = [];
  let previous: Message | undefined;
  shown.forEach((item, index) => {
    const m = item.message;
    const date = new Date(m.createdAt);
    if (!previous || !sameDay(new Date(previous.createdAt), date)) {
      rows.push({ type: "day", key: `day:${m.createdAt.slice(0, 10)}:${m.id}`, date });
    }
    const next = shown[index + 1]?.message;
    rows.push({
      type: "message",
      key: item.key,
      item,
      firstOfRun: !previous || !sameRun(previous, m),
      lastOfRun: !next || !sameRun(m, next),
    });
    previous = m;
  });
  return rows;
}

const RUN_GAP_MS = 5 * 60_000;

function sameRun(a: Message, b: Message): boolean {
  const plain = (m: Message) => m.kind !== "system" && !m.recalled;
  return (
    plain(a) &&
    plain(b) &&
    a.senderId === b.senderId &&
    sameDay(new Date(a.createdAt), new Date(b.createdAt)) &&
    Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < RUN_GAP_MS
  );
}

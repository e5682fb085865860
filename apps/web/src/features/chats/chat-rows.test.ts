import type { Message } from "@agora/protocol/messaging";
import { describe, expect, it } from "vitest";
import { buildRows, localMessage } from "./chat-rows.ts";

function msg(seq: number, senderId: string, createdAt: string, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: "c1",
    seq,
    senderId,
    clientId: `client-${seq}`,
    kind: "text",
    text: `text ${seq}`,
    mediaId: null,
    payload: null,
    createdAt,
    recalled: false,
    ...over,
  };
}

describe("buildRows", () => {
  it("draws a pending message once the server has it, not twice", () => {
    const sent = msg(2, "me", "2026-11-25T10:01:00Z", { clientId: "abc" });
    const pending = localMessage(
      {
        clientId: "abc",
        conversationId: "c1",
        kind: "text",
        text: "text 2",
        createdAt: "2026-11-25T10:01:00Z",
      },
      "me",
    );
    const rows = buildRows(
      [msg(1, "bob", "2026-11-25T10:00:00Z"), sent],
      [{ key: "c:abc", message: pending, delivery: "pending" }],
      "me",
      0,
    );
    const messages = rows.flatMap((r) => (r.type === "message" ? [r.item] : []));
    expect(messages.map((m) => m.message.id)).toEqual(["m1", "m2"]);
    expect(messages[1]?.delivery).toBe("sent");
  });

  it("marks my messages read up to the other person's read seq", () => {
    const rows = buildRows(
      [msg(1, "me", "2026-11-25T10:00:00Z"), msg(2, "me", "2026-11-25T10:00:30Z")],
      [],
      "me",
      1,
    );
    const deliveries = rows.flatMap((r) => (r.type === "message" ? [r.item.delivery] : []));
    expect(deliveries).toEqual(["read", "sent"]);
  });

  it("puts a day separator before the first message of each day", () => {
    const rows = buildRows(
      [
        msg(1, "bob", "2026-11-24T10:00:00"),
        msg(2, "bob", "2026-11-24T11:00:00"),
        msg(3, "bob", "2026-11-25T09:00:00"),
      ],
      [],
      "me",
      0,
    );
    expect(rows.map((r) => r.type)).toEqual(["day", "message", "message", "day", "message"]);
  });

  it("groups one sender's messages a few minutes apart into a run", () => {
    const rows = buildRows(
      [
        msg(1, "bob", "2026-11-25T10:00:00Z"),
        msg(2, "bob", "2026-11-25T10:01:00Z"),
        msg(3, "ann", "2026-11-25T10:02:00Z"),
      ],
      [],
      "me",
      0,
    );
    const runs = rows.flatMap((r) => (r.type === "message" ? [[r.firstOfRun, r.lastOfRun]] : []));
    expect(runs).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
  });
});

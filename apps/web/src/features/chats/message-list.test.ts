import type { Message } from "@agora/protocol/messaging";
import { describe, expect, it } from "vitest";
import { lastSeqOf, mergeMessages, recallIn } from "./message-list.ts";

function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: "c1",
    seq,
    senderId: "u1",
    clientId: `c${seq}`,
    kind: "text",
    text: `hello ${seq}`,
    mediaId: null,
    payload: null,
    createdAt: "2026-01-01T10:00:00.000Z",
    recalled: false,
    ...over,
  };
}

describe("mergeMessages", () => {
  it("keeps seq order whatever order messages arrive in", () => {
    const merged = mergeMessages([msg(3)], [msg(1), msg(4), msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("never shows a message twice, whether matched by id or by seq", () => {
    const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(2, { id: "other-id-same-seq" }), msg(1)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("takes the incoming copy, so a recalled message replaces its old text", () => {
    const merged = mergeMessages([msg(1)], [msg(1, { recalled: true, text: null })]);
    expect(merged[0]).toMatchObject({ recalled: true, text: null });
  });
});

describe("recallIn", () => {
  it("drops the content of the recalled message only", () => {
    const items = recallIn([msg(1), msg(2, { kind: "image", mediaId: "md1", text: "caption" })], "m2");
    expect(items[0]?.text).toBe("hello 1");
    expect(items[1]).toMatchObject({ recalled: true, text: null, mediaId: null, payload: null });
  });
});

describe("lastSeqOf", () => {
  it("is 0 for an empty conversation", () => {
    expect(lastSeqOf([])).toBe(0);
    expect(lastSeqOf([msg(1), msg(7)])).toBe(7);
  });
});

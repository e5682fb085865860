import { describe, expect, it } from "vitest";
import { frameOf, framesOf } from "./service.ts";

describe("framesOf", () => {
  const at = new Date("2026-11-26T07:00:00.123Z");

  it("makes, for each eventSeq, the very string frameOf makes", () => {
    const payload = { message: { id: "m1", text: 'quotes " and \\ and emoji 👋', seq: 7, media: null } };
    const frameFor = framesOf("message.new", at, payload);
    for (const seq of [1, 42, 9_007_199_254_740_991]) {
      expect(frameFor(seq)).toBe(frameOf("message.new", seq, at, payload));
    }
  });

  it("handles an empty payload", () => {
    expect(framesOf("x", at, {})(3)).toBe(frameOf("x", 3, at, {}));
    expect(JSON.parse(framesOf("x", at, {})(3))).toEqual({
      type: "x",
      eventSeq: 3,
      createdAt: at.toISOString(),
    });
  });
});

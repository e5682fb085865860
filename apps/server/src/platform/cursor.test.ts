import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";

describe("cursors", () => {
  it("round-trips a sort key", () => {
    expect(decodeCursor(encodeCursor(["bob", "01a2"]), 2)).toEqual(["bob", "01a2"]);
    expect(decodeCursor(encodeCursor([42]), 1)).toEqual([42]);
  });

  it("treats no cursor as the first page", () => {
    expect(decodeCursor(undefined, 2)).toBeNull();
    expect(decodeCursor("", 2)).toBeNull();
  });

  it.each(["nonsense", encodeCursor(["a"]), Buffer.from('{"a":1}').toString("base64url"), encodeCursor([])])(
    "refuses %s with invalid_cursor",
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(
        expect.objectContaining({ code: "invalid_cursor", status: 400 }),
      );
    },
  );
});

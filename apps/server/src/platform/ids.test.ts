import { describe, expect, it } from "vitest";
import { isId, newId } from "./ids.ts";

describe("newId", () => {
  it("makes version-7 UUIDs that sort by creation time", async () => {
    const a = newId();
    await new Promise((r) => setTimeout(r, 2));
    const b = newId();
    expect(isId(a)).toBe(true);
    expect(a[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(a[19]);
    expect(a < b).toBe(true);
  });

  it("does not repeat", () => {
    const seen = new Set(Array.from({ length: 10_000 }, newId));
    expect(seen.size).toBe(10_000);
  });

  it("rejects what can't be an id", () => {
    expect(isId("nonsense")).toBe(false);
    expect(isId("' or 1=1 --")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { safeNext, withNext } from "./return-to.ts";

describe("safeNext", () => {
  it("keeps a path of this app", () => {
    expect(safeNext("/q/abc")).toBe("/q/abc");
    expect(safeNext("/chats?x=1")).toBe("/chats?x=1");
  });

  it("refuses anything that could leave the app", () => {
    for (const next of [null, "", "https://evil.example", "//evil.example", "/\\evil.example", "q/abc"]) {
      expect(safeNext(next), String(next)).toBeNull();
    }
  });
});

describe("withNext", () => {
  it("carries the target, encoded, and nothing when there is none", () => {
    expect(withNext("/welcome", "/q/a b?x=1")).toBe("/welcome?next=%2Fq%2Fa%20b%3Fx%3D1");
    expect(withNext("/welcome", null)).toBe("/welcome");
  });
});

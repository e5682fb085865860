import { describe, expect, it } from "vitest";
import { avatarColor, avatarThumbUrl, initialsOf } from "./avatar.ts";

describe("initialsOf", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initialsOf("Alice Martin")).toBe("AM");
    expect(initialsOf("  jean  claude van damme ")).toBe("JD");
    expect(initialsOf("bob")).toBe("B");
  });

  it("keeps accents and emoji whole, and never returns nothing", () => {
    expect(initialsOf("élodie ôtez")).toBe("ÉÔ");
    expect(initialsOf("😀 Smile")).toBe("😀S");
    expect(initialsOf("   ")).toBe("?");
  });
});

describe("avatarColor", () => {
  it("is stable for an id and spreads ids over the palette", () => {
    expect(avatarColor("user-1")).toBe(avatarColor("user-1"));
    const colors = new Set(Array.from({ length: 50 }, (_, i) => avatarColor(`01a213fb-${i}`)));
    expect(colors.size).toBeGreaterThan(4);
  });
});

describe("avatarThumbUrl", () => {
  it("asks for the thumbnail of a media address and leaves any other address alone", () => {
    expect(avatarThumbUrl("/api/v1/media/0192f3a4-0000-7000-8000-000000000001")).toBe(
      "/api/v1/media/0192f3a4-0000-7000-8000-000000000001/thumb",
    );
    expect(avatarThumbUrl("/api/v1/media/abc/thumb")).toBe("/api/v1/media/abc/thumb");
    expect(avatarThumbUrl("https://cdn.example/p.png")).toBe("https://cdn.example/p.png");
  });
});

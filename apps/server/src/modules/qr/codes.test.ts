import { describe, expect, it } from "vitest";
import { newQrToken, qrUrl, tokenOf } from "./codes.ts";

describe("QR tokens and URLs", () => {
  it("makes 128-bit url-safe tokens that differ every time", () => {
    const a = newQrToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(16);
    expect(newQrToken()).not.toBe(a);
  });

  it("reads the token from our URL, another host's, a relative path or a trailing slash", () => {
    const token = newQrToken();
    const base = "https://agora.example";
    expect(tokenOf(qrUrl(base, token), base)).toBe(token);
    expect(tokenOf(`http://192.168.1.9:3000/q/${token}`, base)).toBe(token);
    expect(tokenOf(`/q/${token}/`, base)).toBe(token);
    expect(tokenOf(`https://agora.example/q/${token}?utm=x#y`, base)).toBe(token);
  });

  it("finds no token in anything else", () => {
    const base = "https://agora.example";
    for (const url of [
      "https://agora.example/",
      "https://agora.example/q/",
      "https://agora.example/q/short",
      "https://agora.example/q/abc$defghijklmnopqrst",
      "https://agora.example/p/AAAAAAAAAAAAAAAAAAAAAA",
      "javascript:alert(1)//q/AAAAAAAAAAAAAAAAAAAAAA",
      "http://[bad",
    ]) {
      expect(tokenOf(url, base), url).toBeNull();
    }
  });
});

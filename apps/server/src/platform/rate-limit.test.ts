import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { RateLimiter } from "./rate-limit.ts";

const rule = { max: 3, windowMs: 60_000 };

describe("RateLimiter", () => {
  it("lets max hits through in a window, then answers 429 with the seconds left", () => {
    const limiter = new RateLimiter(true);
    for (let i = 0; i < 3; i++) limiter.hit("k", rule, 1_000);
    try {
      limiter.hit("k", rule, 31_000);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(429);
      expect((e as AppError).headers["retry-after"]).toBe("30");
    }
  });

  it("opens a new window once the old one ends, and keeps keys apart", () => {
    const limiter = new RateLimiter(true);
    for (let i = 0; i < 3; i++) limiter.hit("a", rule, 0);
    expect(() => limiter.hit("b", rule, 0)).not.toThrow();
    expect(() => limiter.hit("a", rule, 60_000)).not.toThrow();
  });

  it("check() refuses without counting, reset() forgets", () => {
    const limiter = new RateLimiter(true);
    limiter.hit("k", rule, 0);
    limiter.check("k", rule, 0);
    limiter.check("k", rule, 0);
    limiter.hit("k", rule, 0);
    limiter.hit("k", rule, 0);
    expect(() => limiter.check("k", rule, 0)).toThrow(AppError);
    limiter.reset("k");
    expect(() => limiter.check("k", rule, 0)).not.toThrow();
  });

  it("does nothing when rate limits are off", () => {
    const limiter = new RateLimiter(false);
    for (let i = 0; i < 100; i++) limiter.hit("k", rule, 0);
  });
});

import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelay } from "./backoff.ts";

describe("backoffDelay", () => {
  it("starts near half a second and doubles", () => {
    expect(backoffDelay(0, () => 1)).toBe(BACKOFF_MIN_MS);
    expect(backoffDelay(1, () => 1)).toBe(2 * BACKOFF_MIN_MS);
    expect(backoffDelay(2, () => 1)).toBe(4 * BACKOFF_MIN_MS);
  });

  it("never waits more than ten seconds, however many attempts failed", () => {
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it("spreads clients between half and all of the ceiling", () => {
    expect(backoffDelay(3, () => 0)).toBe(2_000);
    expect(backoffDelay(3, () => 0.5)).toBe(3_000);
  });
});

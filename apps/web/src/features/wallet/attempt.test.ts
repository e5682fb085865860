import { describe, expect, it } from "vitest";
import { ApiError, NETWORK_ERROR } from "../../api/client.ts";
import { Attempt, withoutPin } from "./attempt.ts";

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe("Attempt", () => {
  const body = { toUserId: "u1", amount: { amount: 1250, currency: "EUR" }, pin: "123456" };

  it("sends a double tap and a retry after a dropped connection with the same key", () => {
    const attempt = new Attempt(counter());
    expect(attempt.keyFor(body)).toBe("key-1");
    expect(attempt.keyFor({ ...body })).toBe("key-1");
    attempt.settle(new ApiError(0, NETWORK_ERROR, "offline"));
    expect(attempt.keyFor(body)).toBe("key-1");
    attempt.settle(new ApiError(503, "unavailable", "busy"));
    expect(attempt.keyFor(body)).toBe("key-1");
    attempt.settle(new ApiError(409, "idempotency_in_progress", "wait"));
    expect(attempt.keyFor(body)).toBe("key-1");
  });

  it("starts a new attempt after a refusal, a success, or another body", () => {
    const attempt = new Attempt(counter());
    expect(attempt.keyFor(body)).toBe("key-1");
    attempt.settle(new ApiError(422, "wrong_pin", "wrong"));
    expect(attempt.keyFor(body)).toBe("key-2");
    expect(attempt.keyFor({ ...body, pin: "654321" })).toBe("key-3");
    attempt.settle();
    expect(attempt.keyFor({ ...body, pin: "654321" })).toBe("key-4");
  });

  it("keys a payment by everything but the PIN", () => {
    const attempt = new Attempt(counter());
    expect(attempt.keyFor(withoutPin(body))).toBe("key-1");
    attempt.settle(new ApiError(0, NETWORK_ERROR, "offline"));
    expect(attempt.keyFor(withoutPin({ ...body, pin: "111111" }))).toBe("key-1");
    expect(attempt.keyFor(withoutPin({ ...body, note: "lunch" }))).toBe("key-2");
  });
});

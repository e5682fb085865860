import { isApiError } from "../../api/client.ts";

/**
 * One attempt at a money call, named by an idempotency key. The key is made once and sent again
 * for the same body until the server gives a definitive answer, so a double tap, a retry after a
 * dropped connection or a server error never moves money twice. A refusal (wrong PIN, not enough
 * money) or a success ends the attempt; whatever is sent next is a new one, with a new key.
 */
export class Attempt {
  #current: { body: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for this body: the running attempt's when the body is the same, else a new one. */
  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.#current?.body !== json) this.#current = { body: json, key: this.newKey() };
    return this.#current.key;
  }

  /** Call with the call's outcome: the attempt ends unless the answer may not be final. */
  settle(error?: unknown): void {
    if (error === undefined || !mayHaveGoneThrough(error)) this.#current = null;
  }
}

/**
 * Whether a failed money call may still have moved money, or may succeed if sent again as is:
 * the connection dropped, the server failed, the same key is still being processed, or the
 * rate limiter asked to wait. Anything else is the server's definitive no.
 */
export function mayHaveGoneThrough(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.code === "idempotency_in_progress" ||
    error.code === "rate_limited"
  );
}

/**
 * What names a payment is everything but the PIN (the server leaves it out of the key's
 * fingerprint too): the PIN typed again after a dropped connection is the same payment.
 */
export function withoutPin<B>(body: B): Omit<B, "pin"> {
  if (typeof body !== "object" || body === null) return body;
  const { pin: _pin, ...rest } = body as B & { pin?: unknown };
  return rest;
}

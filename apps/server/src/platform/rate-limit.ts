import { RateLimited } from "./errors.ts";

export interface LimitRule {
  /** How many hits a key may make in one window. */
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counters in this process's memory. Good for one node; with several nodes each
 * node counts alone, which loosens the limit by the node count (a shared store is future work).
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #lastSweep = 0;

  constructor(readonly enabled: boolean) {}

  /** Counts a hit; throws 429 with Retry-After once the key went over its rule. */
  hit(key: string, rule: LimitRule, now = Date.now()) {
    if (!this.enabled) return;
    this.#sweep(now);
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + rule.windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    if (w.count > rule.max) throw new RateLimited((w.resetAt - now) / 1000);
  }

  /** Throws if the key is already over its rule, without counting (checked before work is done). */
  check(key: string, rule: LimitRule, now = Date.now()) {
    if (!this.enabled) return;
    const w = this.#windows.get(key);
    if (w && w.resetAt > now && w.count >= rule.max) throw new RateLimited((w.resetAt - now) / 1000);
  }

  reset(key: string) {
    this.#windows.delete(key);
  }

  #sweep(now: number) {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}

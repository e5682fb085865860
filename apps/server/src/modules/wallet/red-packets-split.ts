import { randomInt } from "node:crypto";

/** A random integer in [min, max], both included (crypto-grade: shares are money). */
export type Draw = (min: number, max: number) => number;

export const cryptoDraw: Draw = (min, max) => (max <= min ? min : randomInt(min, max + 1));

/**
 * WeChat's "double mean" split: each share, in claim order, is drawn uniformly from 1 to twice
 * the mean of what is left (and never so much that a later share would get less than 1); the
 * last share is the rest. Every share's expected value is the mean, shares sum to `total`
 * exactly, and each is at least one minor unit. Needs `total >= count >= 1`.
 */
export function randomSplit(total: number, count: number, draw: Draw = cryptoDraw): number[] {
  assertSplittable(total, count);
  const shares: number[] = [];
  let left = total;
  for (let n = count; n > 1; n--) {
    const max = Math.min(Math.floor((2 * left) / n), left - (n - 1));
    const share = draw(1, Math.max(1, max));
    shares.push(share);
    left -= share;
  }
  shares.push(left);
  return shares;
}

/**
 * Equal shares: `total / count` each, the remainder spread one minor unit at a time over
 * randomly chosen shares, so shares differ by at most one and sum to `total` exactly.
 */
export function equalSplit(total: number, count: number, draw: Draw = cryptoDraw): number[] {
  assertSplittable(total, count);
  const base = Math.floor(total / count);
  const shares = Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
  // Fisher–Yates, so who gets the extra unit depends on nobody's place in the queue.
  for (let i = count - 1; i > 0; i--) {
    const j = draw(0, i);
    [shares[i], shares[j]] = [shares[j] as number, shares[i] as number];
  }
  return shares;
}

function assertSplittable(total: number, count: number) {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(count) || count < 1 || total < count) {
    throw new RangeError(`cannot split ${total} into ${count} shares of at least 1`);
  }
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Draw, equalSplit, randomSplit } from "./red-packets-split.ts";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const splittable = fc
  .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1_000_000_000_000 }))
  .map(([count, extra]) => ({ count, total: count + extra }));

describe("random split (double mean)", () => {
  it("sums exactly to the total, every share at least 1, count shares", () => {
    fc.assert(
      fc.property(splittable, ({ total, count }) => {
        const shares = randomSplit(total, count);
        expect(shares).toHaveLength(count);
        expect(sum(shares)).toBe(total);
        expect(shares.every((s) => Number.isSafeInteger(s) && s >= 1)).toBe(true);
      }),
    );
  });

  it("keeps every share but the last within twice the mean of what was left", () => {
    fc.assert(
      fc.property(splittable, ({ total, count }) => {
        const shares = randomSplit(total, count);
        let left = total;
        shares.slice(0, -1).forEach((s, i) => {
          expect(s).toBeLessThanOrEqual(Math.max(1, Math.floor((2 * left) / (count - i))));
          left -= s;
        });
      }),
    );
  });

  it("survives the extreme draws (always the least, always the most)", () => {
    const least: Draw = (min) => min;
    const most: Draw = (_min, max) => max;
    for (const draw of [least, most]) {
      for (const [total, count] of [
        [1, 1],
        [5, 5],
        [6, 5],
        [100, 3],
        [1_000_000_000_000, 100],
      ] as const) {
        const shares = randomSplit(total, count, draw);
        expect(sum(shares)).toBe(total);
        expect(Math.min(...shares)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("gives each place in the queue the same mean, roughly", () => {
    const runs = 4000;
    const totals = [0, 0, 0, 0];
    for (let r = 0; r < runs; r++) {
      randomSplit(1000, 4).forEach((s, i) => {
        totals[i] = (totals[i] ?? 0) + s;
      });
    }
    for (const t of totals) expect(t / runs).toBeGreaterThan(230);
    for (const t of totals) expect(t / runs).toBeLessThan(270);
  });

  it("refuses fewer units than shares", () => {
    expect(() => randomSplit(2, 3)).toThrow(RangeError);
    expect(() => randomSplit(5, 0)).toThrow(RangeError);
  });
});

describe("equal split", () => {
  it("sums exactly to the total, shares differ by at most one", () => {
    fc.assert(
      fc.property(splittable, ({ total, count }) => {
        const shares = equalSplit(total, count);
        expect(shares).toHaveLength(count);
        expect(sum(shares)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        expect(Math.min(...shares)).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("splits 100 into 3 as 34, 33, 33 in some order", () => {
    expect(equalSplit(100, 3).sort()).toEqual([33, 33, 34]);
  });
});

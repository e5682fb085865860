import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.ts";

describe("GroupCommit", () => {
  it("writes an idle item at once, and what arrives meanwhile as one batch", async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((i) => gc.submit(i));
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("writes what is submitted in the same turn of the event loop together", async () => {
    const batches: string[][] = [];
    const gc = new GroupCommit<string, string>(async (items) => {
      batches.push(items);
      return items.map((s) => s.toUpperCase());
    });
    const a = gc.submit("a");
    await Promise.resolve(); // a later microtask of the same turn (an async request handler)
    const b = gc.submit("b");
    expect(await Promise.all([a, b])).toEqual(["A", "B"]);
    expect(batches).toEqual([["a", "b"]]);
  });

  it("caps a batch, and a failed batch fails only its own items", async () => {
    const gc = new GroupCommit<number, number>(async (items) => {
      if (items.includes(2)) throw new Error("bad batch");
      return items;
    }, 2);
    const all = [1, 2, 3, 4, 5].map((i) => gc.submit(i).catch((e: Error) => e.message));
    expect(await Promise.all(all)).toEqual(["bad batch", "bad batch", 3, 4, 5]);
  });
});

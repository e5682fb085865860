import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import type { StoredEvent } from "../events/service.ts";
import { Connection, SLOW_CONSUMER_CLOSE } from "./connection.ts";

/** The part of a socket a Connection uses, recording what it was sent. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    closedWith: null as number | null,
    send: (s: string) => sent.push(s),
    close(code: number) {
      this.closedWith = code;
      this.readyState = 3;
    },
  };
  return { socket, sent };
}

const ev = (seq: number): StoredEvent => ({
  eventSeq: seq,
  frame: JSON.stringify({ type: "x", eventSeq: seq }),
});
const limits = { maxBufferedBytes: 1000, maxPending: 5, gapFillDelayMs: 10, syncGraceMs: 1000 };

function connection(inbox: StoredEvent[], head = 0) {
  const { socket, sent } = fakeSocket();
  const conn = new Connection(
    socket as unknown as WebSocket,
    "u",
    "s",
    head,
    async (_u, after, limit) => inbox.filter((e) => e.eventSeq > after).slice(0, limit),
    limits,
  );
  const seqs = () => sent.map((s) => JSON.parse(s).eventSeq);
  return { conn, socket, seqs };
}

describe("Connection", () => {
  it("sends live events in order and drops duplicates", async () => {
    const { conn, seqs } = connection([]);
    await conn.sync(0);
    for (const s of [1, 2, 2, 3, 1]) conn.deliver({ userId: "u", ...ev(s), frame: ev(s).frame });
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it("holds an early event until the gap fills, and reads the inbox if it does not", async () => {
    const inbox: StoredEvent[] = [];
    const { conn, seqs } = connection(inbox);
    await conn.sync(0);
    inbox.push(ev(1), ev(2), ev(3));
    conn.deliver({ userId: "u", ...ev(3) });
    expect(seqs()).toEqual([]);
    conn.deliver({ userId: "u", ...ev(1) });
    expect(seqs()).toEqual([1]);
    await new Promise((r) => setTimeout(r, 50));
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it("does not read the inbox for a gap that filled by itself", async () => {
    const inbox = [ev(1), ev(2)];
    let reads = 0;
    const { socket, sent } = fakeSocket();
    const conn = new Connection(
      socket as unknown as WebSocket,
      "u",
      "s",
      0,
      async (_u, after, limit) => {
        reads++;
        return inbox.filter((e) => e.eventSeq > after).slice(0, limit);
      },
      limits,
    );
    await conn.sync(0);
    const readsAfterSync = reads;
    conn.deliver({ userId: "u", ...ev(4) });
    conn.deliver({ userId: "u", ...ev(3) });
    expect(sent.map((f) => JSON.parse(f).eventSeq)).toEqual([1, 2, 3, 4]);
    await new Promise((r) => setTimeout(r, limits.gapFillDelayMs * 3));
    expect(reads).toBe(readsAfterSync);
    conn.dispose();
  });

  it("replays on sync and then sends what arrived meanwhile", async () => {
    const inbox = [ev(1), ev(2), ev(3)];
    const { conn, seqs } = connection(inbox, 3);
    const done = conn.sync(0);
    inbox.push(ev(4));
    conn.deliver({ userId: "u", ...ev(4) });
    expect(await done).toBe(4);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it("holds live events until the client syncs, then sends each once in order", async () => {
    const inbox = [ev(1), ev(2)];
    const { conn, seqs } = connection(inbox, 2);
    inbox.push(ev(3));
    conn.deliver({ userId: "u", ...ev(3) });
    expect(seqs()).toEqual([]);
    await conn.sync(0);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it("goes live by itself when the client never syncs", async () => {
    const { conn, seqs } = connection([], 4);
    conn.deliver({ userId: "u", ...ev(5) });
    await new Promise((r) => setTimeout(r, 1100));
    expect(seqs()).toEqual([5]);
    conn.dispose();
  });

  it("drops a socket that does not keep up, so the server's memory stays bounded", async () => {
    const { conn, socket } = connection([]);
    await conn.sync(0);
    socket.bufferedAmount = 5000;
    conn.deliver({ userId: "u", ...ev(1) });
    expect(socket.closedWith).toBe(SLOW_CONSUMER_CLOSE);
  });

  it("drops a socket whose gap grows past the pending limit", async () => {
    const { conn, socket } = connection([]);
    await conn.sync(0);
    for (let s = 2; s <= 8; s++) conn.deliver({ userId: "u", ...ev(s) });
    expect(socket.closedWith).toBe(SLOW_CONSUMER_CLOSE);
  });
});

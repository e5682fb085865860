import type { Message } from "@agora/protocol/messaging";
import { describe, expect, it } from "vitest";
import { Outbox, type OutboxItem, type OutboxStorage } from "./outbox.ts";

class NetworkDown extends Error {}
class Refused extends Error {}

function memoryStorage(initial: OutboxItem[] = []): OutboxStorage & { saved: OutboxItem[] } {
  const store = {
    saved: initial,
    load: () => store.saved,
    save: (items: readonly OutboxItem[]) => {
      store.saved = [...items];
    },
  };
  return store;
}

function item(clientId: string, conversationId = "c1"): OutboxItem {
  return { clientId, conversationId, kind: "text", text: clientId, createdAt: "2026-01-01T00:00:00Z" };
}

/** A fake server: idempotent by clientId like the real one, with a switch to cut the network. */
function fakeServer() {
  const stored = new Map<string, Message>();
  const server = {
    online: true,
    refuse: new Set<string>(),
    attempts: [] as string[],
    stored,
    async send(i: OutboxItem): Promise<Message> {
      server.attempts.push(i.clientId);
      await Promise.resolve();
      if (!server.online) throw new NetworkDown();
      if (server.refuse.has(i.clientId)) throw new Refused();
      const existing = stored.get(i.clientId);
      if (existing) return existing;
      const message: Message = {
        id: `m-${i.clientId}`,
        conversationId: i.conversationId,
        seq: stored.size + 1,
        senderId: "me",
        clientId: i.clientId,
        kind: i.kind,
        text: i.text ?? null,
        mediaId: null,
        payload: null,
        createdAt: i.createdAt,
        recalled: false,
      };
      stored.set(i.clientId, message);
      return message;
    },
  };
  return server;
}

function setup(initial: OutboxItem[] = []) {
  const storage = memoryStorage(initial);
  const server = fakeServer();
  const sent: string[] = [];
  const outbox = new Outbox({
    storage,
    send: (i) => server.send(i),
    isTransient: (err) => err instanceof NetworkDown,
    codeOf: () => "not_contacts",
    onSent: (i) => sent.push(i.clientId),
  });
  return { outbox, storage, server, sent };
}

describe("Outbox", () => {
  it("persists an item before the first attempt and forgets it once the server has it", async () => {
    const { outbox, storage, server } = setup();
    server.online = false;
    outbox.enqueue(item("a"));
    expect(storage.saved.map((i) => i.clientId)).toEqual(["a"]);
    await outbox.flush();
    expect(outbox.items.map((i) => i.clientId)).toEqual(["a"]);
    server.online = true;
    await outbox.flush();
    expect(outbox.items).toEqual([]);
    expect(storage.saved).toEqual([]);
  });

  it("sends one conversation's messages in the order they were written", async () => {
    const { outbox, server, sent } = setup();
    server.online = false;
    outbox.enqueue(item("a"));
    outbox.enqueue(item("b"));
    outbox.enqueue(item("c"));
    await outbox.flush();
    server.online = true;
    await outbox.flush();
    expect(sent).toEqual(["a", "b", "c"]);
    expect([...server.stored.values()].map((m) => [m.clientId, m.seq])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it("stores each message once however often it is flushed", async () => {
    const { outbox, server } = setup();
    outbox.enqueue(item("a"));
    outbox.enqueue(item("b"));
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(server.stored.size).toBe(2);
    expect(server.attempts.filter((id) => id === "a")).toHaveLength(1);
  });

  it("picks up what a previous visit left in storage", async () => {
    const { outbox, server } = setup([item("left-over")]);
    expect(outbox.items).toHaveLength(1);
    await outbox.flush();
    expect(server.stored.has("left-over")).toBe(true);
    expect(outbox.items).toEqual([]);
  });

  it("keeps a refused message with its reason and goes on with the next", async () => {
    const { outbox, server, sent } = setup();
    server.refuse.add("a");
    outbox.enqueue(item("a"));
    outbox.enqueue(item("b"));
    await outbox.flush();
    expect(outbox.items).toEqual([expect.objectContaining({ clientId: "a", error: "not_contacts" })]);
    expect(sent).toEqual(["b"]);
    server.refuse.clear();
    outbox.retry("a");
    await outbox.flush();
    expect(outbox.items).toEqual([]);
  });

  it("drops an item the server confirmed through the socket before its answer came", async () => {
    const { outbox, server } = setup();
    server.online = false;
    outbox.enqueue(item("a"));
    await outbox.flush();
    outbox.acknowledge("a");
    expect(outbox.items).toEqual([]);
  });

  it("does not hold one conversation's queue up behind another's", async () => {
    const { outbox, server, sent } = setup();
    server.refuse.add("a1");
    outbox.enqueue(item("a1", "ca"));
    outbox.enqueue(item("b1", "cb"));
    await outbox.flush();
    expect(sent).toEqual(["b1"]);
  });
});

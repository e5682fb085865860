import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "../../apps/server/test/ws-client.ts";
import { BootedServer } from "./boot.ts";

/**
 * The promise of API.md: what the server acknowledged survives `kill -9` at any instant and
 * reaches its recipients exactly once after they resync.
 */
const server = new BootedServer({ DEMO_DATA: "off" });
beforeAll(() => server.start());
afterAll(() => server.dispose());

async function register(handle: string) {
  const res = await server.call("POST", "/auth/register", {
    body: { handle, displayName: handle, password: "long enough" },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id as string, token: res.body.token as string };
}

describe("a server killed while clients send", () => {
  it("delivers every acknowledged message exactly once after restart and resync", async () => {
    const alice = await register("fault_alice");
    const bob = await register("fault_bob");
    const req = await server.call("POST", "/contacts/requests", {
      token: alice.token,
      body: { userId: bob.id },
    });
    await server.call("POST", `/contacts/requests/${req.body.id}/accept`, { token: bob.token });
    const conv = await server.call("POST", "/conversations", {
      token: alice.token,
      body: { type: "direct", userId: bob.id },
    });
    const conversationId = conv.body.id as string;

    const acknowledged = new Map<string, string>(); // clientId → message id
    const outbox: string[] = [];
    let stop = false;
    const sender = async (who: { token: string }, prefix: string) => {
      for (let i = 0; !stop; i++) {
        const clientId = `${prefix}-${i}`;
        outbox.push(clientId);
        try {
          const res = await server.call("POST", `/conversations/${conversationId}/messages`, {
            token: who.token,
            body: { clientId, kind: "text", text: clientId },
          });
          if (res.status === 201 || res.status === 200) acknowledged.set(clientId, res.body.id);
        } catch {
          return; // the server died under us: this send is unacknowledged
        }
      }
    };
    const senders = [sender(alice, "a"), sender(bob, "b"), sender(alice, "a2")];
    while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 5));
    await server.stop("SIGKILL");
    stop = true;
    await Promise.all(senders);
    const ackedBeforeKill = new Map(acknowledged);

    await server.start();
    // A client's outbox retries what it never saw acknowledged, with the same clientId.
    for (const clientId of outbox) {
      if (acknowledged.has(clientId)) continue;
      const who = clientId.startsWith("b") ? bob : alice;
      const res = await server.call("POST", `/conversations/${conversationId}/messages`, {
        token: who.token,
        body: { clientId, kind: "text", text: clientId },
      });
      expect([200, 201]).toContain(res.status);
      acknowledged.set(clientId, res.body.id);
    }
    // Retrying an acknowledged send answers the same message, and stores nothing new.
    const [someClientId, someId] = [...ackedBeforeKill][0] as [string, string];
    const again = await server.call("POST", `/conversations/${conversationId}/messages`, {
      token: someClientId.startsWith("b") ? bob.token : alice.token,
      body: { clientId: someClientId, kind: "text", text: someClientId },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(someId);

    // Bob resyncs from scratch on a new socket: every message, once, in order.
    const socket = await TestSocket.open(server.url, { token: bob.token });
    await socket.sync(0);
    const delivered = socket.durable().filter((f) => f.type === "message.new");
    const ids = delivered.map((f) => f.message.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [clientId, id] of ackedBeforeKill) expect(ids, `acknowledged ${clientId}`).toContain(id);
    expect(ids.length).toBe(acknowledged.size);
    const seqs = delivered.map((f) => f.message.seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const eventSeqs = socket.durable().map((f) => f.eventSeq as number);
    expect(eventSeqs).toEqual(Array.from({ length: eventSeqs.length }, (_, i) => i + 1));
    await socket.close();

    const history = await server.call("GET", `/conversations/${conversationId}/messages?limit=200`, {
      token: bob.token,
    });
    expect(history.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(-200));
  });
});

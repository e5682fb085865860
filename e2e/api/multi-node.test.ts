import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "../../apps/server/test/ws-client.ts";
import { BootedServer } from "./boot.ts";

// Skipped without DATABASE_URL and REDIS_URL: several nodes need what they share, a PostgreSQL
// server and Redis. On a laptop with only PGlite there is nothing to share; CI's second pass
// sets both and runs it.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)("two server nodes behind one database and one Redis", () => {
  const nodeA = new BootedServer({ DEMO_DATA: "off" });
  const nodeB = new BootedServer({ DEMO_DATA: "off" }, nodeA);
  beforeAll(async () => {
    await nodeA.start();
    await nodeB.start();
  });
  afterAll(async () => {
    await nodeB.dispose();
    await nodeA.dispose();
  });

  async function register(node: BootedServer, handle: string) {
    const res = await node.call("POST", "/auth/register", {
      body: { handle, displayName: handle, password: "long enough" },
    });
    expect(res.status).toBe(201);
    return { id: res.body.user.id as string, token: res.body.token as string };
  }

  it("delivers live to a socket on the other node, and to the sender's socket on its own", async () => {
    const alice = await register(nodeA, "node_alice");
    const bob = await register(nodeB, "node_bob");
    const req = await nodeA.call("POST", "/contacts/requests", {
      token: alice.token,
      body: { userId: bob.id },
    });
    await nodeB.call("POST", `/contacts/requests/${req.body.id}/accept`, { token: bob.token });

    const bobOnB = await TestSocket.open(nodeB.url, { token: bob.token });
    await bobOnB.sync(bobOnB.frames[0]?.lastEventSeq);
    const aliceOnB = await TestSocket.open(nodeB.url, { token: alice.token });
    await aliceOnB.sync(aliceOnB.frames[0]?.lastEventSeq);

    const conv = await nodeA.call("POST", "/conversations", {
      token: alice.token,
      body: { type: "direct", userId: bob.id },
    });
    const sent = await nodeA.call("POST", `/conversations/${conv.body.id}/messages`, {
      token: alice.token,
      body: { clientId: "mn-1", kind: "text", text: "across nodes" },
    });
    expect(sent.status).toBe(201);
    expect((await bobOnB.next((f) => f.type === "message.new")).message.id).toBe(sent.body.id);
    expect((await aliceOnB.next((f) => f.type === "message.new")).message.id).toBe(sent.body.id);

    // And back the other way, with a typing indicator (ephemeral) first.
    const aliceOnA = await TestSocket.open(nodeA.url, { token: alice.token });
    await aliceOnA.sync(aliceOnA.frames[0]?.lastEventSeq);
    bobOnB.send({ type: "typing", conversationId: conv.body.id });
    expect(await aliceOnA.next((f) => f.type === "typing")).toMatchObject({ userId: bob.id });
    const reply = await nodeB.call("POST", `/conversations/${conv.body.id}/messages`, {
      token: bob.token,
      body: { clientId: "mn-2", kind: "text", text: "right back" },
    });
    expect((await aliceOnA.next((f) => f.message?.id === reply.body.id)).message.text).toBe("right back");
    await Promise.all([bobOnB.close(), aliceOnB.close(), aliceOnA.close()]);
  });

  it("closes a signed-out session's sockets on every node", async () => {
    const carol = await register(nodeA, "node_carol");
    const onB = await TestSocket.open(nodeB.url, { token: carol.token });
    const closed = new Promise<number>((resolve) => onB.ws.once("close", (code) => resolve(code)));
    await nodeA.call("POST", "/auth/logout", { token: carol.token });
    expect(await closed).toBe(4001);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { TestSocket } from "../../../test/ws-client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { listen: true });
});
afterAll(() => t.close());

let n = 0;
const say = (u: TestUser, conversationId: string, text: string) =>
  t.client.post(
    `/conversations/${conversationId}/messages`,
    { clientId: `rt-${++n}`, kind: "text", text },
    u.token,
  );

async function chat() {
  const a = await t.client.user("ra");
  const b = await t.client.user("rb");
  await t.client.befriend(a, b);
  const conv = (await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token)).body;
  return { a, b, conv };
}

/** A socket as the web app opens one: connect, then sync from where the server says we are. */
async function open(u: TestUser) {
  const s = await TestSocket.open(t.url, { token: u.token });
  await s.sync(s.frames[0]?.lastEventSeq);
  return s;
}

describe("connecting", () => {
  it("refuses a socket without a valid session", async () => {
    await expect(TestSocket.open(t.url)).rejects.toThrow(/401/);
    await expect(TestSocket.open(t.url, { token: "x".repeat(43) })).rejects.toThrow(/401/);
  });

  it("accepts the session cookie from our own pages only", async () => {
    const u = await t.client.user("cookie");
    const cookie = `agora_session=${u.token}`;
    const host = new URL(t.url).host;
    const ok = await TestSocket.open(t.url, { headers: { cookie, origin: t.url, host } });
    await ok.close();
    await expect(
      TestSocket.open(t.url, { headers: { cookie, origin: "https://evil.example" } }),
    ).rejects.toThrow(/401/);
  });

  it("says ready with the last eventSeq, and answers ping with pong", async () => {
    const u = await t.client.user("ready");
    const s = await open(u);
    expect(s.frames[0]).toMatchObject({ type: "ready", userId: u.id, lastEventSeq: 0 });
    s.send({ type: "ping" });
    await s.next((f) => f.type === "pong");
    s.send({ type: "nonsense" });
    expect((await s.next((f) => f.type === "error")).code).toBe("invalid_frame");
    await s.close();
  });
});

describe("live delivery", () => {
  it("delivers a message to the recipient and to the sender's other devices, with gap-free eventSeq", async () => {
    const { a, b, conv } = await chat();
    const bSocket = await open(b);
    const aPhone = await open(a);
    const aLaptop = await open(a);
    const sent = await say(a, conv.id, "live!");
    const got = await bSocket.next((f) => f.type === "message.new");
    expect(got.message).toEqual(sent.body);
    expect((await aLaptop.next((f) => f.type === "message.new")).message.id).toBe(sent.body.id);
    expect((await aPhone.next((f) => f.type === "message.new")).message.id).toBe(sent.body.id);
    // b's inbox: contact.request (1), contact.accepted (2), then the message (3).
    expect(got.eventSeq).toBe(3);
    await Promise.all([bSocket.close(), aPhone.close(), aLaptop.close()]);
  });

  it("keeps every user's eventSeq gap-free and in order under concurrent sends", async () => {
    const { a, b, conv } = await chat();
    const s = await open(b);
    const start = s.frames[0]?.lastEventSeq as number;
    await Promise.all(Array.from({ length: 25 }, (_, i) => say(i % 3 ? a : b, conv.id, `m${i}`)));
    await s.next((f) => f.eventSeq === start + 25);
    const seqs = s.durable().map((f) => f.eventSeq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => start + i + 1));
    const msgSeqs = s.durable().map((f) => f.message.seq);
    expect([...msgSeqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    await s.close();
  });

  it("tells members about recalls and read receipts", async () => {
    const { a, b, conv } = await chat();
    const sa = await open(a);
    const sb = await open(b);
    const m = await say(a, conv.id, "take it back");
    await sb.next((f) => f.type === "message.new");
    await t.client.post(`/conversations/${conv.id}/read`, { seq: 1 }, b.token);
    expect(await sa.next((f) => f.type === "receipt.read")).toMatchObject({
      conversationId: conv.id,
      userId: b.id,
      seq: 1,
    });
    await t.client.post(`/messages/${m.body.id}/recall`, {}, a.token);
    expect(await sb.next((f) => f.type === "message.recalled")).toMatchObject({
      messageId: m.body.id,
      conversationId: conv.id,
    });
    await Promise.all([sa.close(), sb.close()]);
  });

  it("tells every member when a group's title or members change", async () => {
    const owner = await t.client.user("gown");
    const m = await t.client.user("gmem");
    const extra = await t.client.user("gnew");
    await t.client.befriend(owner, m);
    await t.client.befriend(owner, extra);
    const g = (
      await t.client.post("/conversations", { type: "group", title: "Old", memberIds: [m.id] }, owner.token)
    ).body;
    const sm = await open(m);
    await t.client.patch(`/conversations/${g.id}`, { title: "New" }, owner.token);
    expect(await sm.next((f) => f.type === "conversation.updated")).toMatchObject({
      conversationId: g.id,
      title: "New",
      ownerId: owner.id,
    });
    await t.client.post(`/conversations/${g.id}/members`, { userIds: [extra.id] }, owner.token);
    const added = await sm.next((f) => f.type === "conversation.updated" && f.memberIds.length === 3);
    expect(added.memberIds).toContain(extra.id);
    await sm.close();
  });

  it("relays typing to the other members only, without an eventSeq, and ignores non-members", async () => {
    const { a, b, conv } = await chat();
    const sa = await open(a);
    const sb = await open(b);
    sa.send({ type: "typing", conversationId: conv.id });
    const typing = await sb.next((f) => f.type === "typing");
    expect(typing).toEqual({ type: "typing", conversationId: conv.id, userId: a.id });
    const stranger = await t.client.user("typist");
    const ss = await open(stranger);
    ss.send({ type: "typing", conversationId: conv.id });
    ss.send({ type: "ping" });
    await ss.next((f) => f.type === "pong");
    sa.send({ type: "ping" });
    await sa.next((f) => f.type === "pong");
    expect(sa.frames.filter((f) => f.type === "typing")).toEqual([]);
    await Promise.all([sa.close(), sb.close(), ss.close()]);
  });

  it("sends contact requests and acceptances live", async () => {
    const a = await t.client.user("ca");
    const b = await t.client.user("cb");
    const sa = await open(a);
    const sb = await open(b);
    const req = await t.client.post("/contacts/requests", { userId: b.id, message: "hi" }, a.token);
    const got = await sb.next((f) => f.type === "contact.request");
    expect(got.request).toMatchObject({ id: req.body.id, direction: "incoming", fromUser: { id: a.id } });
    await t.client.post(`/contacts/requests/${req.body.id}/accept`, {}, b.token);
    expect((await sa.next((f) => f.type === "contact.accepted")).user.id).toBe(b.id);
    await Promise.all([sa.close(), sb.close()]);
  });

  it("closes a session's sockets when it signs out, and only those", async () => {
    const u = await t.client.user("out");
    const other = await t.client.post("/auth/login", { handle: u.handle, password: "correct horse" });
    const s1 = await open(u);
    const s2 = await TestSocket.open(t.url, { token: other.body.token });
    const closed = new Promise<number>((resolve) => s1.ws.once("close", (code) => resolve(code)));
    await t.client.post("/auth/logout", {}, u.token);
    expect(await closed).toBe(4001);
    s2.send({ type: "ping" });
    await s2.next((f) => f.type === "pong");
    await s2.close();
  });
});

describe("sending over the socket", () => {
  it("stores a socket's messages in the order sent, acks each, and is idempotent by clientId", async () => {
    const { a, b, conv } = await chat();
    const sa = await open(a);
    const sb = await open(b);
    for (let i = 0; i < 20; i++) {
      sa.send({
        type: "message.send",
        conversationId: conv.id,
        clientId: `ws-${i}`,
        kind: "text",
        text: `n${i}`,
      });
    }
    const last = await sa.next((f) => f.type === "message.ack" && f.clientId === "ws-19");
    expect(last.created).toBe(true);
    const acks = sa.frames.filter((f) => f.type === "message.ack");
    expect(acks.map((f) => f.message.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(acks.map((f) => f.message.text)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    await sb.next((f) => f.type === "message.new" && f.message.clientId === "ws-19");
    expect(sb.durable().map((f) => f.message.text)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));

    sa.send({ type: "message.send", conversationId: conv.id, clientId: "ws-0", kind: "text", text: "n0" });
    const again = await sa.upcoming((f) => f.type === "message.ack" && f.clientId === "ws-0");
    expect(again).toMatchObject({ created: false, message: { id: acks[0]?.message.id, seq: 1 } });
    await Promise.all([sa.close(), sb.close()]);
  });

  it("answers a refused send with the status and code the HTTP route would give", async () => {
    const { a, conv } = await chat();
    const stranger = await t.client.user("wsx");
    const ss = await open(stranger);
    ss.send({ type: "message.send", conversationId: conv.id, clientId: "x1", kind: "text", text: "hi" });
    expect(await ss.next((f) => f.type === "message.error")).toMatchObject({
      clientId: "x1",
      status: 404,
      code: "conversation_not_found",
    });
    const sa = await open(a);
    sa.send({ type: "message.send", conversationId: conv.id, clientId: "x2", kind: "text", text: "  " });
    expect(await sa.next((f) => f.type === "message.error")).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
    sa.send({ type: "message.send", conversationId: conv.id, clientId: "x3", kind: "text" });
    expect(await sa.next((f) => f.type === "message.error" && f.clientId === "x3")).toMatchObject({
      status: 400,
    });
    await Promise.all([ss.close(), sa.close()]);
  });
});

describe("sync", () => {
  it("replays exactly what was missed, in order, then goes on live", async () => {
    const { a, b, conv } = await chat();
    const first = await open(b);
    await say(a, conv.id, "one");
    const seen = await first.next((f) => f.type === "message.new");
    await first.close();

    for (const text of ["two", "three", "four"]) await say(a, conv.id, text);
    const again = await TestSocket.open(t.url, { token: b.token });
    const synced = await again.sync(seen.eventSeq);
    const replayed = again.durable();
    expect(replayed.map((f) => f.message.text)).toEqual(["two", "three", "four"]);
    expect(replayed.map((f) => f.eventSeq)).toEqual([
      seen.eventSeq + 1,
      seen.eventSeq + 2,
      seen.eventSeq + 3,
    ]);
    expect(synced.lastEventSeq).toBe(seen.eventSeq + 3);

    await say(a, conv.id, "five");
    expect((await again.next((f) => f.message?.text === "five")).eventSeq).toBe(seen.eventSeq + 4);
    // Replaying again from 0 gives the whole inbox, each event once.
    const fresh = await TestSocket.open(t.url, { token: b.token });
    await fresh.sync(0);
    const all = fresh.durable().map((f) => f.eventSeq);
    expect(all).toEqual(Array.from({ length: seen.eventSeq + 4 }, (_, i) => i + 1));
    await Promise.all([again.close(), fresh.close()]);
  });

  it("replays a message as it was delivered live, and a recalled one without its content", async () => {
    const { a, b, conv } = await chat();
    const live = await open(b);
    const kept = await say(a, conv.id, "keep this");
    const gone = await say(a, conv.id, "take this back");
    const keptLive = await live.next((f) => f.message?.id === kept.body.id);
    const goneLive = await live.next((f) => f.message?.id === gone.body.id);
    expect(goneLive.message.text).toBe("take this back");
    await t.client.post(`/messages/${gone.body.id}/recall`, {}, a.token);
    await live.next((f) => f.type === "message.recalled");
    await live.close();

    const replay = await TestSocket.open(t.url, { token: b.token });
    await replay.sync(keptLive.eventSeq - 1);
    const [keptAgain, goneAgain, recalled] = replay.durable();
    expect(keptAgain).toEqual(keptLive);
    expect(goneAgain).toMatchObject({ eventSeq: goneLive.eventSeq, type: "message.new" });
    expect(goneAgain?.message).toMatchObject({ id: gone.body.id, recalled: true, text: null });
    expect(recalled).toMatchObject({ type: "message.recalled", messageId: gone.body.id });
    await replay.close();
  });

  it("delivers events that happen during a replay after it, without duplicates", async () => {
    const { a, b, conv } = await chat();
    for (let i = 0; i < 40; i++) await say(a, conv.id, `old ${i}`);
    const s = await TestSocket.open(t.url, { token: b.token });
    const syncing = s.sync(0);
    await Promise.all(Array.from({ length: 10 }, (_, i) => say(a, conv.id, `new ${i}`)));
    await syncing;
    const total = 2 + 50; // contact.request, contact.accepted, 50 messages
    await s.next((f) => f.eventSeq === total);
    expect(s.durable().map((f) => f.eventSeq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await s.close();
  });
});

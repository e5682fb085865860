import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let n = 0;
const cid = () => `c-${++n}-${Math.random().toString(36).slice(2)}`;

async function pair() {
  const a = await t.client.user("ma");
  const b = await t.client.user("mb");
  await t.client.befriend(a, b);
  const conv = await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token);
  expect(conv.status).toBe(201);
  return { a, b, conv: conv.body };
}

function say(u: TestUser, conversationId: string, text: string, clientId = cid()) {
  return t.client.post(
    `/conversations/${conversationId}/messages`,
    { clientId, kind: "text", text },
    u.token,
  );
}

describe("direct conversations", () => {
  it("opens one chat per pair: 201 the first time, 200 with the same one after, from either side", async () => {
    const { a, b, conv } = await pair();
    expect(conv).toMatchObject({ type: "direct", title: null, lastMessage: null, unread: 0 });
    expect(conv.members.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    const again = await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(conv.id);
    const fromB = await t.client.post("/conversations", { type: "direct", userId: a.id }, b.token);
    expect(fromB.status).toBe(200);
    expect(fromB.body.id).toBe(conv.id);
  });

  it("needs the two to be contacts", async () => {
    const a = await t.client.user("nc");
    const b = await t.client.user("nc");
    const res = await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("not_contacts");
  });

  it("refuses an unknown user, myself, and a malformed body", async () => {
    const a = await t.client.user("bad");
    const unknown = "01a20000-0000-7000-8000-000000000000";
    expect((await t.client.post("/conversations", { type: "direct", userId: unknown }, a.token)).status).toBe(
      404,
    );
    expect((await t.client.post("/conversations", { type: "direct", userId: a.id }, a.token)).status).toBe(
      400,
    );
    expect((await t.client.post("/conversations", { type: "channel" }, a.token)).status).toBe(400);
  });
});

describe("messages", () => {
  it("numbers messages 1, 2, 3… per conversation and lists them in seq order", async () => {
    const { a, b, conv } = await pair();
    const m1 = await say(a, conv.id, "hello");
    expect(m1.status).toBe(201);
    expect(m1.body).toMatchObject({
      conversationId: conv.id,
      seq: 1,
      senderId: a.id,
      kind: "text",
      text: "hello",
      mediaId: null,
      payload: null,
      recalled: false,
    });
    expect(typeof m1.body.createdAt).toBe("string");
    await say(b, conv.id, "hi!");
    await say(a, conv.id, "how are you?");
    const list = await t.client.get(`/conversations/${conv.id}/messages`, b.token);
    expect(list.body.items.map((m: { seq: number; text: string }) => [m.seq, m.text])).toEqual([
      [1, "hello"],
      [2, "hi!"],
      [3, "how are you?"],
    ]);
  });

  it("keeps seq gap-free under concurrent senders", async () => {
    const { a, b, conv } = await pair();
    const sends = Array.from({ length: 30 }, (_, i) => say(i % 2 ? a : b, conv.id, `m${i}`));
    const results = await Promise.all(sends);
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => r.body.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("keeps seqs and every inbox gap-free when concurrent sends to many conversations share commits", async () => {
    const hub = await t.client.user("hub");
    const spokes: TestUser[] = [];
    const convs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await t.client.user("spoke");
      await t.client.befriend(hub, u);
      spokes.push(u);
      convs.push(
        (await t.client.post("/conversations", { type: "direct", userId: u.id }, hub.token)).body.id,
      );
    }
    const outsider = await t.client.user("outsider");
    const sends = [];
    for (let i = 0; i < 60; i++) {
      const c = i % 3;
      const from = i % 2 ? hub : (spokes[c] as TestUser);
      sends.push(say(from, convs[c] as string, `m${i}`, `batch-${c}-${i}`));
    }
    // The same clientId twice at once, and someone who is not a member, ride along.
    sends.push(
      say(hub, convs[0] as string, "dup", "batch-dup"),
      say(hub, convs[0] as string, "dup", "batch-dup"),
    );
    const intruder = say(outsider, convs[1] as string, "let me in");
    const results = await Promise.all(sends);
    expect((await intruder).status).toBe(404);
    const dups = results.slice(-2);
    expect(dups.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(dups[0]?.body.id).toBe(dups[1]?.body.id);
    for (const c of convs) {
      const seqs = (await t.client.get(`/conversations/${c}/messages?limit=200`, hub.token)).body.items.map(
        (m: { seq: number }) => m.seq,
      );
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
    const inbox = await t.database.db
      .selectFrom("user_events")
      .select("event_seq")
      .where("user_id", "=", hub.id)
      .orderBy("event_seq")
      .execute();
    expect(inbox.map((e) => Number(e.event_seq))).toEqual(
      Array.from({ length: inbox.length }, (_, i) => i + 1),
    );
    // 3 contact acceptances + 61 messages
    expect(inbox.length).toBe(3 + 61);
  });

  it("is idempotent by clientId: the same clientId returns the same message with 200", async () => {
    const { a, conv } = await pair();
    const clientId = cid();
    const first = await say(a, conv.id, "once", clientId);
    const again = await say(a, conv.id, "once", clientId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const raced = await Promise.all([
      say(a, conv.id, "race", "same-race"),
      say(a, conv.id, "race", "same-race"),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(raced[0]?.body.id).toBe(raced[1]?.body.id);
    const list = await t.client.get(`/conversations/${conv.id}/messages`, a.token);
    expect(list.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
  });

  it("publishes a message to its recipients before the sender's own sockets", async () => {
    // The sender is the one whose id sorts first, as the database returns the inbox rows.
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await t.client.user("order"));
    const [a, ...members] = users.sort((x, y) => (x.id < y.id ? -1 : 1)) as [TestUser, ...TestUser[]];
    for (const m of members) await t.client.befriend(a, m);
    const group = await t.client.post(
      "/conversations",
      { type: "group", title: "Order", memberIds: members.map((m) => m.id) },
      a.token,
    );
    const published = vi.spyOn(t.services.events, "publish");
    try {
      expect((await say(a, group.body.id, "recipients first")).status).toBe(201);
      const order = published.mock.calls.flatMap(([deliveries]) => deliveries.map((d) => d.userId));
      expect(order.slice(0, 2).sort()).toEqual(members.map((m) => m.id).sort());
      expect(order.slice(2)).toEqual([a.id]);
    } finally {
      published.mockRestore();
    }
  });

  it("pages with afterSeq, beforeSeq and limit", async () => {
    const { a, conv } = await pair();
    for (let i = 1; i <= 7; i++) await say(a, conv.id, `m${i}`);
    const seqs = async (q: string) =>
      (await t.client.get(`/conversations/${conv.id}/messages?${q}`, a.token)).body.items.map(
        (m: { seq: number }) => m.seq,
      );
    expect(await seqs("limit=3")).toEqual([5, 6, 7]);
    expect(await seqs("beforeSeq=5&limit=3")).toEqual([2, 3, 4]);
    expect(await seqs("afterSeq=5")).toEqual([6, 7]);
    expect(await seqs("afterSeq=2&limit=2")).toEqual([3, 4]);
    expect(await seqs("afterSeq=1&beforeSeq=4")).toEqual([2, 3]);
    expect((await t.client.get(`/conversations/${conv.id}/messages?limit=500`, a.token)).status).toBe(400);
  });

  it.each([
    ["an empty text", { kind: "text", text: "   " }, 400],
    ["a text over 4000 characters", { kind: "text", text: "x".repeat(4001) }, 400],
    ["no text at all", { kind: "text" }, 400],
    ["an unknown kind", { kind: "poem", text: "x" }, 400],
    ["a forged transfer", { kind: "transfer", payload: { amount: 100 } }, 400],
    ["a system message", { kind: "system", text: "x" }, 400],
    ["an unknown sticker", { kind: "sticker", payload: { stickerId: "nope" } }, 400],
    ["an image without media", { kind: "image" }, 400],
    ["an image with unknown media", { kind: "image", mediaId: "01a20000-0000-7000-8000-000000000000" }, 404],
  ])("refuses %s", async (_, body, status) => {
    const { a, conv } = await pair();
    const res = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: cid(), ...body },
      a.token,
    );
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("accepts exactly 4000 characters, emoji and built-in stickers", async () => {
    const { a, conv } = await pair();
    expect((await say(a, conv.id, "x".repeat(4000))).status).toBe(201);
    expect((await say(a, conv.id, "🎉 ça marche — 你好")).body.text).toBe("🎉 ça marche — 你好");
    const sticker = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: cid(), kind: "sticker", payload: { stickerId: "party" } },
      a.token,
    );
    expect(sticker.status).toBe(201);
    expect(sticker.body.payload).toEqual({ stickerId: "party" });
  });

  it("is 404 for non-members everywhere", async () => {
    const { a, conv } = await pair();
    const m = await say(a, conv.id, "secret");
    const stranger = await t.client.user("stranger");
    for (const res of [
      await t.client.get(`/conversations/${conv.id}`, stranger.token),
      await t.client.get(`/conversations/${conv.id}/messages`, stranger.token),
      await say(stranger, conv.id, "let me in"),
      await t.client.post(`/conversations/${conv.id}/read`, { seq: 1 }, stranger.token),
      await t.client.post(`/messages/${m.body.id}/recall`, {}, stranger.token),
      await t.client.post(`/conversations/${conv.id}/members`, { userIds: [stranger.id] }, stranger.token),
    ]) {
      expect(res.status).toBe(404);
    }
  });

  it("stops a blocked person, and someone no longer a contact, from messaging", async () => {
    const { a, b, conv } = await pair();
    await t.client.post("/blocks", { userId: a.id }, b.token);
    const blocked = await say(a, conv.id, "hello?");
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("blocked");
    const other = await pair();
    await t.client.delete(`/contacts/${other.b.id}`, other.a.token);
    const res = await say(other.a, other.conv.id, "still there?");
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("not_contacts");
  });

  it("applies the same rules to sends that share one batch as to a lone send", async () => {
    // A lone send takes the one-message function; sends that arrive together take the batch
    // function. Both must refuse the same things with the same answers.
    const ok = await pair();
    const blocked = await pair();
    await t.client.post("/blocks", { userId: blocked.a.id }, blocked.b.token);
    const former = await pair();
    await t.client.delete(`/contacts/${former.b.id}`, former.a.token);
    const outsider = await t.client.user("outsider");
    const earlier = await say(ok.a, ok.conv.id, "first", "same-cid-batch");
    expect(earlier.status).toBe(201);

    const messaging = t.services.messaging;
    const before = messaging.sendBatchStats.batches;
    const text = (clientId: string) => ({ clientId, kind: "text" as const, text: "at once" });
    const results = await Promise.allSettled([
      messaging.send(ok.a.id, ok.conv.id, text(cid())),
      messaging.send(blocked.a.id, blocked.conv.id, text(cid())),
      messaging.send(former.a.id, former.conv.id, text(cid())),
      messaging.send(outsider.id, ok.conv.id, text(cid())),
      messaging.send(ok.a.id, ok.conv.id, text("same-cid-batch")),
      messaging.send(ok.b.id, ok.conv.id, text(cid())),
    ]);
    expect(messaging.sendBatchStats.batches - before).toBe(1);
    expect(messaging.sendBatchStats.largest).toBeGreaterThanOrEqual(6);
    const code = (r: PromiseSettledResult<unknown>) =>
      r.status === "rejected" ? (r.reason as { code?: string }).code : "ok";
    expect(results.map(code)).toEqual([
      "ok",
      "blocked",
      "not_contacts",
      "conversation_not_found",
      "ok",
      "ok",
    ]);
    const replay = results[4] as PromiseFulfilledResult<{ created: boolean; message: { id: string } }>;
    expect(replay.value.created).toBe(false);
    expect(replay.value.message.id).toBe(earlier.body.id);
    const seqs = (await t.client.get(`/conversations/${ok.conv.id}/messages`, ok.a.token)).body.items.map(
      (m: { seq: number }) => m.seq,
    );
    expect(seqs).toEqual([1, 2, 3]);
  });
});

describe("recall", () => {
  it("lets the sender recall within 2 minutes: seq kept, content gone for everyone", async () => {
    const { a, b, conv } = await pair();
    const m = await say(a, conv.id, "oops");
    expect((await t.client.post(`/messages/${m.body.id}/recall`, {}, b.token)).status).toBe(403);
    const res = await t.client.post(`/messages/${m.body.id}/recall`, {}, a.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: m.body.id,
      seq: 1,
      recalled: true,
      text: null,
      mediaId: null,
      payload: null,
    });
    const seen = await t.client.get(`/conversations/${conv.id}/messages`, b.token);
    expect(seen.body.items[0]).toMatchObject({ seq: 1, recalled: true, text: null });
    expect((await t.client.post(`/messages/${m.body.id}/recall`, {}, a.token)).status).toBe(200);
  });

  it("answers 422 recall_window_passed after 2 minutes", async () => {
    const { a, conv } = await pair();
    const m = await say(a, conv.id, "old news");
    await t.database.db
      .updateTable("messages")
      .set({ created_at: new Date(Date.now() - 121_000) } as never)
      .where("id", "=", m.body.id)
      .execute();
    const res = await t.client.post(`/messages/${m.body.id}/recall`, {}, a.token);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("recall_window_passed");
  });
});

describe("conversation list, unread and read receipts", () => {
  it("lists most recent activity first with last message and unread counts that drop on read", async () => {
    const me = await t.client.user("lister");
    const x = await t.client.user("x");
    const y = await t.client.user("y");
    await t.client.befriend(me, x);
    await t.client.befriend(me, y);
    const cx = (await t.client.post("/conversations", { type: "direct", userId: x.id }, me.token)).body;
    const cy = (await t.client.post("/conversations", { type: "direct", userId: y.id }, me.token)).body;
    await say(x, cx.id, "from x 1");
    await say(x, cx.id, "from x 2");
    await say(y, cy.id, "from y");
    let list = (await t.client.get("/conversations", me.token)).body.items;
    expect(list.map((c: { id: string }) => c.id)).toEqual([cy.id, cx.id]);
    expect(list[1]).toMatchObject({ unread: 2, lastMessage: { text: "from x 2" } });
    await say(x, cx.id, "from x 3");
    list = (await t.client.get("/conversations", me.token)).body.items;
    expect(list[0]).toMatchObject({ id: cx.id, unread: 3 });

    expect((await t.client.post(`/conversations/${cx.id}/read`, { seq: 2 }, me.token)).status).toBe(204);
    expect((await t.client.get(`/conversations/${cx.id}`, me.token)).body).toMatchObject({
      unread: 1,
      readSeq: 2,
    });
    await t.client.post(`/conversations/${cx.id}/read`, { seq: 999 }, me.token);
    const read = (await t.client.get(`/conversations/${cx.id}`, x.token)).body;
    expect(read.readSeqs[me.id]).toBe(3);
    // Reading never goes backwards.
    await t.client.post(`/conversations/${cx.id}/read`, { seq: 1 }, me.token);
    expect((await t.client.get(`/conversations/${cx.id}`, me.token)).body.unread).toBe(0);
  });

  it("pages conversations with a cursor", async () => {
    const me = await t.client.user("cpager");
    for (let i = 0; i < 3; i++) {
      const other = await t.client.user("cp");
      await t.client.befriend(me, other);
      const c = (await t.client.post("/conversations", { type: "direct", userId: other.id }, me.token)).body;
      await say(me, c.id, `hi ${i}`);
    }
    const first = await t.client.get("/conversations?limit=2", me.token);
    expect(first.body.items).toHaveLength(2);
    const second = await t.client.get(`/conversations?limit=2&cursor=${first.body.nextCursor}`, me.token);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].lastMessage.text).toBe("hi 0");
  });
});

describe("groups", () => {
  async function group(size: number) {
    const owner = await t.client.user("owner");
    const others: TestUser[] = [];
    for (let i = 0; i < size; i++) {
      const u = await t.client.user("gm");
      await t.client.befriend(owner, u);
      others.push(u);
    }
    const res = await t.client.post(
      "/conversations",
      { type: "group", title: "Weekend hike", memberIds: others.map((u) => u.id) },
      owner.token,
    );
    expect(res.status).toBe(201);
    return { owner, others, conv: res.body };
  }

  it("creates a group of contacts, with a system message everyone sees", async () => {
    const { owner, others, conv } = await group(2);
    expect(conv).toMatchObject({ type: "group", title: "Weekend hike", ownerId: owner.id });
    expect(conv.members).toHaveLength(3);
    const msgs = await t.client.get(`/conversations/${conv.id}/messages`, others[0]?.token);
    expect(msgs.body.items[0]).toMatchObject({ seq: 1, kind: "system", payload: { event: "group.created" } });
    // System lines are not unread messages (as in WeChat); people's messages are, until recalled.
    const member = others[0] as TestUser;
    expect((await t.client.get(`/conversations/${conv.id}`, member.token)).body.unread).toBe(0);
    const hello = await say(owner, conv.id, "welcome!");
    await say(owner, conv.id, "bring boots");
    expect((await t.client.get(`/conversations/${conv.id}`, member.token)).body.unread).toBe(2);
    await t.client.post(`/messages/${hello.body.id}/recall`, {}, owner.token);
    expect((await t.client.get(`/conversations/${conv.id}`, member.token)).body.unread).toBe(1);
  });

  it("needs every member to be my contact", async () => {
    const owner = await t.client.user("owner");
    const stranger = await t.client.user("stranger");
    const res = await t.client.post(
      "/conversations",
      { type: "group", title: "x", memberIds: [stranger.id] },
      owner.token,
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("not_contacts");
    expect(
      (await t.client.post("/conversations", { type: "group", title: "", memberIds: [] }, owner.token))
        .status,
    ).toBe(400);
  });

  it("lets the owner rename, add and remove; members can't", async () => {
    const { owner, others, conv } = await group(2);
    const [m1, m2] = others as [TestUser, TestUser];
    expect((await t.client.patch(`/conversations/${conv.id}`, { title: "Hike!" }, m1.token)).status).toBe(
      403,
    );
    const renamed = await t.client.patch(`/conversations/${conv.id}`, { title: "Hike!" }, owner.token);
    expect(renamed.body.title).toBe("Hike!");

    const newcomer = await t.client.user("new");
    await t.client.befriend(owner, newcomer);
    const added = await t.client.post(
      `/conversations/${conv.id}/members`,
      { userIds: [newcomer.id] },
      owner.token,
    );
    expect(added.status).toBe(200);
    expect(added.body.members).toHaveLength(4);
    // A newcomer sees the conversation from their arrival on.
    const seen = await t.client.get(`/conversations/${conv.id}/messages`, newcomer.token);
    expect(seen.body.items.map((m: { payload: { event: string } }) => m.payload.event)).toEqual([
      "members.added",
    ]);

    expect((await t.client.delete(`/conversations/${conv.id}/members/${m2.id}`, m1.token)).status).toBe(403);
    expect((await t.client.delete(`/conversations/${conv.id}/members/${m2.id}`, owner.token)).status).toBe(
      204,
    );
    expect((await t.client.get(`/conversations/${conv.id}`, m2.token)).status).toBe(404);
    expect((await say(m2, conv.id, "still here?")).status).toBe(404);
  });

  it("lets a member leave, and hands ownership on when the owner leaves", async () => {
    const { owner, others, conv } = await group(2);
    const [m1, m2] = others as [TestUser, TestUser];
    expect((await t.client.delete(`/conversations/${conv.id}/members/${m2.id}`, m2.token)).status).toBe(204);
    expect((await t.client.delete(`/conversations/${conv.id}/members/${owner.id}`, owner.token)).status).toBe(
      204,
    );
    const after = await t.client.get(`/conversations/${conv.id}`, m1.token);
    expect(after.body.ownerId).toBe(m1.id);
    expect(after.body.members.map((m: { id: string }) => m.id)).toEqual([m1.id]);
  });

  it("refuses group operations on a direct chat", async () => {
    const { a, conv } = await pair();
    const res = await t.client.patch(`/conversations/${conv.id}`, { title: "no" }, a.token);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("not_a_group");
  });
});

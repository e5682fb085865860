import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let n = 0;
const say = (u: TestUser, conversationId: string, text: string) =>
  t.client.post(
    `/conversations/${conversationId}/messages`,
    { clientId: `r-${++n}`, kind: "text", text },
    u.token,
  );
const read = (u: TestUser, conversationId: string, seq: number) =>
  t.client.post(`/conversations/${conversationId}/read`, { seq }, u.token);
const reads = (u: TestUser, conversationId: string, messageId: string) =>
  t.client.get(`/conversations/${conversationId}/messages/${messageId}/reads`, u.token);
const ids = (users: { id: string }[]) => users.map((u) => u.id).sort();

async function hikeGroup(size: number) {
  const owner = await t.client.user("rowner", "Ana Lima");
  const others: TestUser[] = [];
  for (let i = 0; i < size; i++) {
    const u = await t.client.user("rm");
    await t.client.befriend(owner, u);
    others.push(u);
  }
  const res = await t.client.post(
    "/conversations",
    { type: "group", title: "Weekend hike", memberIds: others.map((u) => u.id) },
    owner.token,
  );
  expect(res.status).toBe(201);
  return { owner, others, conv: res.body as { id: string } };
}

describe("GET /conversations/:id/messages/:messageId/reads", () => {
  it("splits the other members by their read marks, and follows them as they read", async () => {
    const { owner, others, conv } = await hikeGroup(3);
    const [b, c, d] = others as [TestUser, TestUser, TestUser];
    const msg = (await say(owner, conv.id, "Saturday 8am?")).body;

    const before = await reads(owner, conv.id, msg.id);
    expect(before.status).toBe(200);
    expect(before.body.readBy).toEqual([]);
    expect(ids(before.body.unreadBy)).toEqual(ids([b, c, d]));
    expect(before.body.unreadBy[0]).toMatchObject({
      id: expect.any(String),
      displayName: expect.any(String),
    });

    await read(b, conv.id, msg.seq);
    await read(c, conv.id, msg.seq - 1); // c has read up to the message before it only
    const after = await reads(owner, conv.id, msg.id);
    expect(ids(after.body.readBy)).toEqual([b.id]);
    expect(ids(after.body.unreadBy)).toEqual(ids([c, d]));

    // Reading a later message counts for the earlier ones too.
    const later = (await say(owner, conv.id, "bring boots")).body;
    await read(d, conv.id, later.seq);
    const last = await reads(owner, conv.id, msg.id);
    expect(ids(last.body.readBy)).toEqual(ids([b, d]));
    expect(ids(last.body.unreadBy)).toEqual([c.id]);
  });

  it("counts only the members who were there when it was sent: later joiners and leavers are out", async () => {
    const { owner, others, conv } = await hikeGroup(2);
    const [b, c] = others as [TestUser, TestUser];
    const msg = (await say(owner, conv.id, "who has a map?")).body;
    const late = await t.client.user("rlate");
    await t.client.befriend(owner, late);
    expect(
      (await t.client.post(`/conversations/${conv.id}/members`, { userIds: [late.id] }, owner.token)).status,
    ).toBe(200);
    await read(late, conv.id, msg.seq + 10);
    expect((await t.client.delete(`/conversations/${conv.id}/members/${c.id}`, c.token)).status).toBe(204);

    const res = await reads(owner, conv.id, msg.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ readBy: [], unreadBy: [expect.objectContaining({ id: b.id })] });
  });

  it("answers the sender only: 404 for other members, non-members, a wrong chat or an unknown id", async () => {
    const { owner, others, conv } = await hikeGroup(1);
    const [b] = others as [TestUser];
    const msg = (await say(owner, conv.id, "hello")).body;
    const stranger = await t.client.user("rstranger");
    const other = await hikeGroup(1);

    for (const [who, convId, messageId] of [
      [b, conv.id, msg.id],
      [stranger, conv.id, msg.id],
      [owner, other.conv.id, msg.id],
      [owner, conv.id, "01900000-0000-7000-8000-000000000000"],
      [owner, conv.id, "not-an-id"],
    ] as const) {
      const res = await reads(who, convId, messageId);
      expect([404, 400]).toContain(res.status);
      if (messageId !== "not-an-id") expect(res.body.code).toBe("message_not_found");
    }
    expect((await t.client.get(`/conversations/${conv.id}/messages/${msg.id}/reads`)).status).toBe(401);
  });

  it("works in a direct chat too: the other person, read or not", async () => {
    const a = await t.client.user("ra");
    const b = await t.client.user("rb");
    await t.client.befriend(a, b);
    const conv = (await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token)).body;
    const msg = (await say(a, conv.id, "hi")).body;
    expect((await reads(a, conv.id, msg.id)).body).toEqual({
      readBy: [],
      unreadBy: [expect.objectContaining({ id: b.id })],
    });
    await read(b, conv.id, msg.seq);
    expect((await reads(a, conv.id, msg.id)).body.readBy).toEqual([expect.objectContaining({ id: b.id })]);
  });
});

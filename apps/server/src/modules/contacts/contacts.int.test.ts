import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ids = (items: { id: string }[]) => items.map((u) => u.id);

describe("contact requests", () => {
  it("goes from request to contacts on both sides", async () => {
    const a = await t.client.user("ann");
    const b = await t.client.user("ben");
    const sent = await t.client.post("/contacts/requests", { userId: b.id, message: "hello!" }, a.token);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      from: a.id,
      to: b.id,
      status: "pending",
      message: "hello!",
      direction: "outgoing",
    });
    expect(sent.body.fromUser.id).toBe(a.id);
    expect(sent.body.toUser.id).toBe(b.id);

    const incoming = await t.client.get("/contacts/requests", b.token);
    expect(incoming.body.items).toHaveLength(1);
    expect(incoming.body.items[0]).toMatchObject({
      id: sent.body.id,
      direction: "incoming",
      status: "pending",
    });
    const outgoing = await t.client.get("/contacts/requests", a.token);
    expect(outgoing.body.items[0]).toMatchObject({ id: sent.body.id, direction: "outgoing" });

    const accepted = await t.client.post(`/contacts/requests/${sent.body.id}/accept`, {}, b.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");

    expect(ids((await t.client.get("/contacts", a.token)).body.items)).toEqual([b.id]);
    expect(ids((await t.client.get("/contacts", b.token)).body.items)).toEqual([a.id]);
    expect((await t.client.get("/contacts/requests", b.token)).body.items).toEqual([]);
  });

  it("answers the pending request again (200) instead of a second one", async () => {
    const a = await t.client.user("dup");
    const b = await t.client.user("dup");
    const first = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    const again = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await t.client.get("/contacts/requests", b.token)).body.items).toHaveLength(1);
  });

  it("settles crossed requests with one acceptance", async () => {
    const a = await t.client.user("cross");
    const b = await t.client.user("cross");
    const ab = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    await t.client.post("/contacts/requests", { userId: a.id }, b.token);
    await t.client.post(`/contacts/requests/${ab.body.id}/accept`, {}, b.token);
    expect((await t.client.get("/contacts/requests", a.token)).body.items).toEqual([]);
    expect((await t.client.get("/contacts/requests", b.token)).body.items).toEqual([]);
    expect(ids((await t.client.get("/contacts", a.token)).body.items)).toEqual([b.id]);
  });

  it("declines; the request can't be accepted afterwards, and the asker may ask again", async () => {
    const a = await t.client.user("decl");
    const b = await t.client.user("decl");
    const req = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    const declined = await t.client.post(`/contacts/requests/${req.body.id}/decline`, {}, b.token);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe("declined");
    const late = await t.client.post(`/contacts/requests/${req.body.id}/accept`, {}, b.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("request_not_pending");
    expect((await t.client.get("/contacts", a.token)).body.items).toEqual([]);
    expect((await t.client.post("/contacts/requests", { userId: b.id }, a.token)).status).toBe(201);
  });

  it("only the person asked can answer; for anyone else the request does not exist", async () => {
    const a = await t.client.user("own");
    const b = await t.client.user("own");
    const c = await t.client.user("own");
    const req = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    for (const [who, action] of [
      [a, "accept"],
      [c, "accept"],
      [c, "decline"],
    ] as const) {
      const res = await t.client.post(`/contacts/requests/${req.body.id}/${action}`, {}, who.token);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("request_not_found");
    }
    expect((await t.client.post("/contacts/requests/garbage/accept", {}, b.token)).status).toBe(404);
  });

  it("accepting twice answers the same and links once", async () => {
    const a = await t.client.user("twice");
    const b = await t.client.user("twice");
    const req = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    const [r1, r2] = await Promise.all([
      t.client.post(`/contacts/requests/${req.body.id}/accept`, {}, b.token),
      t.client.post(`/contacts/requests/${req.body.id}/accept`, {}, b.token),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect((await t.client.get("/contacts", a.token)).body.items).toHaveLength(1);
  });

  it.each([
    ["myself", "self", 400, "cannot_add_self"],
    ["an unknown user", "unknown", 404, "user_not_found"],
    ["a malformed id", "malformed", 404, "user_not_found"],
  ])("refuses a request to %s", async (_, target, status, code) => {
    const a = await t.client.user("bad");
    const userId =
      target === "self" ? a.id : target === "unknown" ? "01a20000-0000-7000-8000-000000000000" : "not-an-id";
    const res = await t.client.post("/contacts/requests", { userId }, a.token);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it("refuses a request to someone already a contact with 409", async () => {
    const a = await t.client.user("already");
    const b = await t.client.user("already");
    await t.client.befriend(a, b);
    const res = await t.client.post("/contacts/requests", { userId: b.id }, a.token);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("already_contacts");
  });

  it("validates the body", async () => {
    const a = await t.client.user("val");
    expect((await t.client.post("/contacts/requests", {}, a.token)).status).toBe(400);
    const long = await t.client.post(
      "/contacts/requests",
      { userId: a.id, message: "x".repeat(201) },
      a.token,
    );
    expect(long.status).toBe(400);
    expect((await t.client.post("/contacts/requests", { userId: a.id })).status).toBe(401);
  });
});

describe("contacts list and removal", () => {
  it("lists contacts by display name and pages through them with a cursor", async () => {
    const me = await t.client.user("pager");
    const names = ["delta", "Alpha", "charlie", "Bravo", "echo"];
    for (const n of names) await t.client.befriend(me, await t.client.user("p", n));
    const first = await t.client.get("/contacts?limit=2", me.token);
    expect(first.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(["Alpha", "Bravo"]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.client.get(`/contacts?limit=2&cursor=${first.body.nextCursor}`, me.token);
    expect(second.body.items.map((u: { displayName: string }) => u.displayName)).toEqual([
      "charlie",
      "delta",
    ]);
    const third = await t.client.get(`/contacts?limit=2&cursor=${second.body.nextCursor}`, me.token);
    expect(third.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(["echo"]);
    expect(third.body.nextCursor).toBeNull();
  });

  it("refuses bad paging input", async () => {
    const me = await t.client.user("pager");
    expect((await t.client.get("/contacts?limit=0", me.token)).status).toBe(400);
    expect((await t.client.get("/contacts?limit=201", me.token)).status).toBe(400);
    const cursor = await t.client.get("/contacts?cursor=nonsense", me.token);
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe("invalid_cursor");
  });

  it("removes a contact both ways; removing again is 404", async () => {
    const a = await t.client.user("rm");
    const b = await t.client.user("rm");
    await t.client.befriend(a, b);
    const res = await t.client.delete(`/contacts/${b.id}`, a.token);
    expect(res.status).toBe(204);
    expect((await t.client.get("/contacts", a.token)).body.items).toEqual([]);
    expect((await t.client.get("/contacts", b.token)).body.items).toEqual([]);
    const again = await t.client.delete(`/contacts/${b.id}`, a.token);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe("contact_not_found");
  });
});

describe("blocks", () => {
  it("ends the contact, and the blocked person can no longer ask, find or see me", async () => {
    const a = await t.client.user("blocker", "Blocking Bertha");
    const b = await t.client.user("blocked");
    await t.client.befriend(a, b);
    const res = await t.client.post("/blocks", { userId: b.id }, a.token);
    expect(res.status).toBe(204);
    expect((await t.client.get("/contacts", a.token)).body.items).toEqual([]);
    expect((await t.client.get("/contacts", b.token)).body.items).toEqual([]);

    const ask = await t.client.post("/contacts/requests", { userId: a.id }, b.token);
    expect(ask.status).toBe(403);
    expect(ask.body.code).toBe("blocked");
    expect((await t.client.get(`/users/search?q=${a.handle}`, b.token)).body.items).toEqual([]);
    expect((await t.client.get(`/users/${a.id}`, b.token)).status).toBe(404);
    // The blocker also can't ask while the block stands.
    expect((await t.client.post("/contacts/requests", { userId: b.id }, a.token)).status).toBe(403);
    expect(ids((await t.client.get("/blocks", a.token)).body.items)).toEqual([b.id]);
  });

  it("drops pending requests between the two", async () => {
    const a = await t.client.user("blk");
    const b = await t.client.user("blk");
    await t.client.post("/contacts/requests", { userId: a.id }, b.token);
    await t.client.post("/blocks", { userId: b.id }, a.token);
    expect((await t.client.get("/contacts/requests", a.token)).body.items).toEqual([]);
  });

  it("is idempotent, and unblocking lets them ask again", async () => {
    const a = await t.client.user("unblk");
    const b = await t.client.user("unblk");
    expect((await t.client.post("/blocks", { userId: b.id }, a.token)).status).toBe(204);
    expect((await t.client.post("/blocks", { userId: b.id }, a.token)).status).toBe(204);
    expect((await t.client.delete(`/blocks/${b.id}`, a.token)).status).toBe(204);
    expect((await t.client.delete(`/blocks/${b.id}`, a.token)).status).toBe(404);
    expect((await t.client.post("/contacts/requests", { userId: a.id }, b.token)).status).toBe(201);
  });

  it("refuses blocking myself or nobody", async () => {
    const a = await t.client.user("blkbad");
    expect((await t.client.post("/blocks", { userId: a.id }, a.token)).body.code).toBe("cannot_block_self");
    expect(
      (await t.client.post("/blocks", { userId: "01a20000-0000-7000-8000-000000000000" }, a.token)).status,
    ).toBe(404);
    expect((await t.client.post("/blocks", {}, a.token)).status).toBe(400);
  });
});

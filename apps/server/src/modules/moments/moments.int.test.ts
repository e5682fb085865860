import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { TestSocket } from "../../../test/ws-client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { listen: true });
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const ids = (list: { id: string }[]) => list.map((x) => x.id);

async function photo(seed = 1): Promise<Buffer> {
  return sharp({
    create: { width: 40, height: 30, channels: 3, background: { r: seed * 20, g: 80, b: 40 } },
  })
    .png()
    .toBuffer();
}

async function upload(u: TestUser, seed = 1): Promise<Json & { id: string; url: string; thumbUrl: string }> {
  const res = await t.client.upload(u.token, await photo(seed), "p.png");
  expect(res.status).toBe(201);
  return res.body;
}

async function post(u: TestUser, body: Json) {
  const res = await t.client.post("/moments", body, u.token);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Json & { id: string };
}

const put = (url: string, body: unknown, u: TestUser) =>
  t.client.request("PUT", url, { body, token: u.token });
const feedOf = async (u: TestUser, query = "") => {
  const res = await t.client.get(`/moments/feed${query}`, u.token);
  expect(res.status).toBe(200);
  return res.body as { items: (Json & { id: string })[]; nextCursor: string | null };
};
const feedIds = async (u: TestUser) => ids((await feedOf(u)).items);

/** A and three friends (B, C, D) who are not friends with each other, and a stranger S. */
async function circle() {
  const [a, b, c, d, s] = await Promise.all(["a", "b", "c", "d", "s"].map((n) => t.client.user(`m${n}`)));
  for (const f of [b, c, d]) await t.client.befriend(a as TestUser, f as TestUser);
  return { a, b, c, d, s } as Record<"a" | "b" | "c" | "d" | "s", TestUser>;
}

describe("posting", () => {
  it("posts text and photos in order, visible to all contacts by default", async () => {
    const { a, b } = await circle();
    const p1 = await upload(a, 1);
    const p2 = await upload(a, 2);
    const m = await post(a, { text: "Hello world", mediaIds: [p2.id, p1.id] });
    expect(m).toMatchObject({
      author: { id: a.id },
      text: "Hello world",
      likes: [],
      comments: [],
      likedByMe: false,
      visibility: { mode: "contacts" },
    });
    expect(m.media).toEqual([
      { id: p2.id, url: p2.url, thumbUrl: p2.thumbUrl, width: 40, height: 30 },
      { id: p1.id, url: p1.url, thumbUrl: p1.thumbUrl, width: 40, height: 30 },
    ]);
    const seen = await t.client.get(`/moments/${m.id}`, b.token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: m.id, text: "Hello world", visibility: null });
    expect(seen.body.media).toEqual(m.media);
    const photoOnly = await post(a, { mediaIds: [p1.id] });
    expect(photoOnly.text).toBeNull();
  });

  it("refuses empty moments, long text, too many or foreign photos, and non-contact audiences", async () => {
    const { a, b, s } = await circle();
    const own = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(a, i)));
    const theirs = await upload(b);
    const cases: [Json, string][] = [
      [{}, "validation_failed"],
      [{ text: "   " }, "validation_failed"],
      [{ text: "x".repeat(2001) }, "validation_failed"],
      [{ mediaIds: ids(own) }, "validation_failed"],
      [{ mediaIds: [theirs.id] }, "invalid_media"],
      [{ mediaIds: ["00000000-0000-7000-8000-000000000000"] }, "invalid_media"],
      [{ mediaIds: ["nope"] }, "invalid_media"],
      [{ mediaIds: [own[0]?.id, own[0]?.id] }, "duplicate_media"],
      [{ text: "hi", visibility: { mode: "only", userIds: [s.id] } }, "audience_not_contacts"],
      [{ text: "hi", visibility: { mode: "except", userIds: [a.id] } }, "audience_not_contacts"],
      [{ text: "hi", visibility: { mode: "only", userIds: [] } }, "validation_failed"],
      [{ text: "hi", visibility: { mode: "everyone" } }, "validation_failed"],
    ];
    for (const [body, code] of cases) {
      const res = await t.client.post("/moments", body, a.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code, JSON.stringify(body)).toBe(code);
    }
    const voice = await t.client.upload(a.token, Buffer.from("just some text file"), "notes.txt");
    expect(voice.status).toBe(201);
    const notImage = await t.client.post("/moments", { mediaIds: [voice.body.id] }, a.token);
    expect(notImage.body.code).toBe("invalid_media");
    expect((await post(a, { text: "x".repeat(2000), mediaIds: ids(own.slice(0, 9)) })).media).toHaveLength(9);
    expect((await t.client.post("/moments", { text: "hi" })).status).toBe(401);
  });
});

describe("visibility modes", () => {
  it("contacts: my contacts see it, strangers don't, anywhere", async () => {
    const { a, b, s } = await circle();
    const m = await post(a, { text: "for all", visibility: { mode: "contacts" } });
    expect(await feedIds(b)).toEqual([m.id]);
    expect(await feedIds(s)).toEqual([]);
    expect((await t.client.get(`/moments/${m.id}`, s.token)).status).toBe(404);
    expect((await t.client.get(`/users/${a.id}/moments`, s.token)).body.items).toEqual([]);
  });

  it("private: only me", async () => {
    const { a, b } = await circle();
    const m = await post(a, { text: "diary", visibility: { mode: "private" } });
    expect(await feedIds(a)).toEqual([m.id]);
    expect(await feedIds(b)).toEqual([]);
    expect((await t.client.get(`/moments/${m.id}`, b.token)).status).toBe(404);
    expect((await t.client.get(`/moments/${m.id}`, a.token)).body.visibility).toEqual({ mode: "private" });
  });

  it("only: the listed contacts and nobody else", async () => {
    const { a, b, c, d } = await circle();
    const m = await post(a, { text: "b and c", visibility: { mode: "only", userIds: [c.id, b.id, b.id] } });
    expect(m.visibility).toEqual({ mode: "only", userIds: [b.id, c.id].sort() });
    expect(await feedIds(b)).toEqual([m.id]);
    expect(await feedIds(c)).toEqual([m.id]);
    expect(await feedIds(d)).toEqual([]);
    expect((await t.client.get(`/moments/${m.id}`, d.token)).status).toBe(404);
    expect((await t.client.get(`/moments/${m.id}`, b.token)).body.visibility).toBeNull();
  });

  it("except: all contacts but the listed ones", async () => {
    const { a, b, c, d } = await circle();
    const m = await post(a, { text: "not d", visibility: { mode: "except", userIds: [d.id] } });
    expect(m.visibility).toEqual({ mode: "except", userIds: [d.id] });
    expect(await feedIds(b)).toEqual([m.id]);
    expect(await feedIds(c)).toEqual([m.id]);
    expect(await feedIds(d)).toEqual([]);
    expect((await t.client.get(`/moments/${m.id}`, d.token)).status).toBe(404);
    expect((await t.client.get(`/users/${a.id}/moments`, d.token)).body.items).toEqual([]);
    expect(ids((await t.client.get(`/users/${a.id}/moments`, b.token)).body.items)).toEqual([m.id]);
  });

  it("an invisible moment is 404 everywhere: get, likes, comments, deletion, photos", async () => {
    const { a, d, s } = await circle();
    const p = await upload(a);
    const m = await post(a, { mediaIds: [p.id], visibility: { mode: "except", userIds: [d.id] } });
    for (const u of [d, s]) {
      expect((await t.client.get(`/moments/${m.id}`, u.token)).status).toBe(404);
      expect((await t.client.post(`/moments/${m.id}/likes`, {}, u.token)).status).toBe(404);
      expect((await t.client.delete(`/moments/${m.id}/likes`, u.token)).status).toBe(404);
      expect((await t.client.post(`/moments/${m.id}/comments`, { text: "hi" }, u.token)).status).toBe(404);
      expect((await t.client.delete(`/moments/${m.id}`, u.token)).status).toBe(404);
      expect((await t.client.fetchMedia(p.url, u.token)).status).toBe(404);
      expect((await t.client.fetchMedia(p.thumbUrl, u.token)).status).toBe(404);
    }
    expect((await t.client.get("/moments/not-an-id", a.token)).status).toBe(404);
    expect((await t.client.fetchMedia(p.url)).status).toBe(401);
    expect((await t.client.fetchMedia(p.url, a.token)).status).toBe(200);
  });

  it("a moment's photos are served to those who can see it", async () => {
    const { a, b } = await circle();
    const p = await upload(a);
    expect((await t.client.fetchMedia(p.url, b.token)).status).toBe(404);
    await post(a, { mediaIds: [p.id] });
    expect((await t.client.fetchMedia(p.url, b.token)).status).toBe(200);
    expect((await t.client.fetchMedia(p.thumbUrl, b.token)).status).toBe(200);
  });
});

describe("likes and comments", () => {
  it("shows a viewer only the likes and comments of their own contacts (B and C are not friends)", async () => {
    const { a, b, c } = await circle();
    const m = await post(a, { text: "party" });
    expect((await t.client.post(`/moments/${m.id}/likes`, {}, b.token)).status).toBe(204);
    expect((await t.client.post(`/moments/${m.id}/likes`, {}, c.token)).status).toBe(204);
    expect((await t.client.post(`/moments/${m.id}/comments`, { text: "from b" }, b.token)).status).toBe(201);
    expect((await t.client.post(`/moments/${m.id}/comments`, { text: "from c" }, c.token)).status).toBe(201);
    expect((await t.client.post(`/moments/${m.id}/likes`, {}, a.token)).status).toBe(204);

    const asA = (await t.client.get(`/moments/${m.id}`, a.token)).body;
    expect(ids(asA.likes)).toEqual([b.id, c.id, a.id]);
    expect(asA.comments.map((x: Json) => x.text)).toEqual(["from b", "from c"]);
    expect(asA.likedByMe).toBe(true);

    const asB = (await t.client.get(`/moments/${m.id}`, b.token)).body;
    expect(ids(asB.likes)).toEqual([b.id, a.id]);
    expect(asB.comments.map((x: Json) => x.text)).toEqual(["from b"]);
    expect(asB.likedByMe).toBe(true);
    const asC = (await feedOf(c)).items.find((x) => x.id === m.id) as Json;
    expect(ids(asC.likes as { id: string }[])).toEqual([c.id, a.id]);
    expect((asC.comments as Json[]).map((x) => x.text)).toEqual(["from c"]);

    // Once B and C become friends, each sees the other.
    await t.client.befriend(b, c);
    const later = (await t.client.get(`/moments/${m.id}`, b.token)).body;
    expect(ids(later.likes)).toEqual([b.id, c.id, a.id]);
    expect(later.comments).toHaveLength(2);
  });

  it("likes are idempotent, unlikes too", async () => {
    const { a, b } = await circle();
    const m = await post(a, { text: "like me" });
    for (let i = 0; i < 2; i++)
      expect((await t.client.post(`/moments/${m.id}/likes`, {}, b.token)).status).toBe(204);
    expect(ids((await t.client.get(`/moments/${m.id}`, a.token)).body.likes)).toEqual([b.id]);
    for (let i = 0; i < 2; i++)
      expect((await t.client.delete(`/moments/${m.id}/likes`, b.token)).status).toBe(204);
    expect((await t.client.get(`/moments/${m.id}`, a.token)).body.likes).toEqual([]);
  });

  it("replies go to someone in the thread the commenter can see; anyone else is 400", async () => {
    const { a, b, c, s } = await circle();
    const m = await post(a, { text: "thread" });
    await t.client.post(`/moments/${m.id}/comments`, { text: "b here" }, b.token);
    const toB = await t.client.post(
      `/moments/${m.id}/comments`,
      { text: "hi b", replyToUserId: b.id },
      a.token,
    );
    expect(toB.status).toBe(201);
    expect(toB.body).toMatchObject({ author: { id: a.id }, text: "hi b", replyTo: { id: b.id } });
    const toA = await t.client.post(
      `/moments/${m.id}/comments`,
      { text: "hi a", replyToUserId: a.id },
      c.token,
    );
    expect(toA.status).toBe(201);
    // C can't see B (not friends): replying to B is refused, as to a stranger, to oneself, or to nobody.
    for (const target of [b.id, s.id, c.id, "00000000-0000-7000-8000-000000000000", "junk"]) {
      const res = await t.client.post(
        `/moments/${m.id}/comments`,
        { text: "x", replyToUserId: target },
        c.token,
      );
      expect(res.status, target).toBe(400);
      expect(res.body.code).toBe("invalid_reply_to");
    }
    // A reply between two of my contacts' friends I can't see is hidden from me with its author.
    await t.client.befriend(b, c);
    expect(
      (await t.client.post(`/moments/${m.id}/comments`, { text: "hey b", replyToUserId: b.id }, c.token))
        .status,
    ).toBe(201);
    const d = await t.client.user("md");
    await t.client.befriend(a, d);
    await t.client.befriend(d, c);
    const asD = (await t.client.get(`/moments/${m.id}`, d.token)).body;
    // D sees A's reply to B? No: B is not D's contact. D sees C's reply to A, not C's reply to B.
    expect(asD.comments.map((x: Json) => x.text)).toEqual(["hi a"]);
    expect((await t.client.post(`/moments/${m.id}/comments`, { text: "" }, b.token)).status).toBe(400);
  });

  it("deletes a comment: its author or the moment's author; others get 403, or 404 when they can't see it", async () => {
    const { a, b, c } = await circle();
    const m = await post(a, { text: "delete" });
    const cb1 = (await t.client.post(`/moments/${m.id}/comments`, { text: "b1" }, b.token)).body;
    const cb2 = (await t.client.post(`/moments/${m.id}/comments`, { text: "b2" }, b.token)).body;
    const ca = (await t.client.post(`/moments/${m.id}/comments`, { text: "a" }, a.token)).body;
    expect((await t.client.delete(`/moments/${m.id}/comments/${cb1.id}`, c.token)).status).toBe(404);
    expect((await t.client.delete(`/moments/${m.id}/comments/${ca.id}`, b.token)).status).toBe(403);
    expect((await t.client.delete(`/moments/${m.id}/comments/${cb1.id}`, b.token)).status).toBe(204);
    expect((await t.client.delete(`/moments/${m.id}/comments/${cb2.id}`, a.token)).status).toBe(204);
    expect((await t.client.delete(`/moments/${m.id}/comments/${cb2.id}`, a.token)).status).toBe(404);
    expect((await t.client.delete(`/moments/${m.id}/comments/junk`, a.token)).status).toBe(404);
    expect((await t.client.get(`/moments/${m.id}`, a.token)).body.comments.map((x: Json) => x.text)).toEqual([
      "a",
    ]);
  });

  it("deletes a moment: author only (others 404), with its likes and comments", async () => {
    const { a, b } = await circle();
    const m = await post(a, { text: "bye" });
    await t.client.post(`/moments/${m.id}/likes`, {}, b.token);
    expect((await t.client.delete(`/moments/${m.id}`, b.token)).status).toBe(404);
    expect((await t.client.delete(`/moments/${m.id}`, a.token)).status).toBe(204);
    expect((await t.client.get(`/moments/${m.id}`, a.token)).status).toBe(404);
    expect((await t.client.delete(`/moments/${m.id}`, a.token)).status).toBe(404);
    expect(await feedIds(b)).toEqual([]);
  });
});

describe("blocks and contacts", () => {
  it("blocking hides everything both ways, and ending a contact hides the moments", async () => {
    const { a, b, c } = await circle();
    const ma = await post(a, { text: "a's" });
    const mb = await post(b, { text: "b's" });
    const mc = await post(c, { text: "c's" });
    await t.client.post(`/moments/${ma.id}/comments`, { text: "b says" }, b.token);
    expect(new Set(await feedIds(a))).toEqual(new Set([ma.id, mb.id, mc.id]));
    expect((await t.client.post("/blocks", { userId: b.id }, a.token)).status).toBe(204);
    expect(await feedIds(b)).toEqual([mb.id]);
    expect(new Set(await feedIds(a))).toEqual(new Set([ma.id, mc.id]));
    expect((await t.client.get(`/moments/${ma.id}`, b.token)).status).toBe(404);
    expect((await t.client.get(`/moments/${mb.id}`, a.token)).status).toBe(404);
    expect((await t.client.get(`/users/${a.id}/moments`, b.token)).status).toBe(404);
    expect((await t.client.get(`/users/${b.id}/moments`, a.token)).body.items).toEqual([]);
    expect((await t.client.get(`/moments/${ma.id}`, a.token)).body.comments).toEqual([]);

    expect((await t.client.delete(`/contacts/${c.id}`, a.token)).status).toBe(204);
    expect(await feedIds(c)).toEqual([mc.id]);
    expect((await t.client.get(`/moments/${ma.id}`, c.token)).status).toBe(404);
  });
});

describe("profiles", () => {
  it("lists a contact's moments, nothing for a stranger, 404 for unknown people; everything needs a session", async () => {
    const { a, b, s } = await circle();
    const m = await post(a, { text: "profile" });
    expect(ids((await t.client.get(`/users/${a.id}/moments`, b.token)).body.items)).toEqual([m.id]);
    expect(ids((await t.client.get(`/users/${a.id}/moments`, a.token)).body.items)).toEqual([m.id]);
    expect((await t.client.get(`/users/${a.id}/moments`, s.token)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await t.client.get("/users/00000000-0000-7000-8000-000000000000/moments", a.token)).status).toBe(
      404,
    );
    expect((await t.client.get("/users/junk/moments", a.token)).status).toBe(404);
    for (const url of [
      "/moments/feed",
      `/moments/${m.id}`,
      `/users/${a.id}/moments`,
      "/moments/notifications",
      "/moments/settings",
    ]) {
      expect((await t.client.get(url)).status, url).toBe(401);
    }
  });
});

describe("settings and permissions", () => {
  it("hide my moments from someone; hide someone's from my feed (their profile still shows them)", async () => {
    const { a, b, c } = await circle();
    const ma = await post(a, { text: "a" });
    const mb = await post(b, { text: "b" });
    const url = `/users/${b.id}/moments-permissions`;
    expect((await t.client.get(url, a.token)).body).toEqual({
      hideMyMomentsFromThem: false,
      hideTheirMomentsFromMe: false,
    });
    const set = await put(url, { hideMyMomentsFromThem: true, hideTheirMomentsFromMe: false }, a);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ hideMyMomentsFromThem: true, hideTheirMomentsFromMe: false });
    expect(await feedIds(b)).toEqual([mb.id]);
    expect((await t.client.get(`/moments/${ma.id}`, b.token)).status).toBe(404);
    expect(await feedIds(c)).toEqual([ma.id]);

    await put(url, { hideMyMomentsFromThem: false, hideTheirMomentsFromMe: true }, a);
    expect(await feedIds(a)).toEqual([ma.id]);
    expect(ids((await t.client.get(`/users/${b.id}/moments`, a.token)).body.items)).toEqual([mb.id]);
    expect((await t.client.get(`/moments/${mb.id}`, a.token)).status).toBe(200);
    expect(await feedIds(b)).toEqual([mb.id, ma.id]);

    expect(
      (
        await put(
          `/users/${a.id}/moments-permissions`,
          { hideMyMomentsFromThem: true, hideTheirMomentsFromMe: false },
          a,
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.client.get("/users/00000000-0000-7000-8000-000000000000/moments-permissions", a.token)).status,
    ).toBe(404);
  });

  it("visible range: others see only the last 3 days or 6 months; I see all of mine", async () => {
    const { a, b } = await circle();
    const old = await post(a, { text: "a year ago" });
    const months = await post(a, { text: "a month ago" });
    const recent = await post(a, { text: "now" });
    await sql`update moments set created_at = now() - interval '1 year' where id = ${old.id}::uuid`.execute(
      t.database.db,
    );
    await sql`update moments set created_at = now() - interval '30 days' where id = ${months.id}::uuid`.execute(
      t.database.db,
    );
    expect((await t.client.get("/moments/settings", a.token)).body).toEqual({ visibleRange: "all" });
    const profile = async (u: TestUser) =>
      ids((await t.client.get(`/users/${a.id}/moments`, u.token)).body.items);
    expect(await profile(b)).toEqual([recent.id, months.id, old.id]);

    expect((await put("/moments/settings", { visibleRange: "6m" }, a)).body).toEqual({ visibleRange: "6m" });
    expect(await profile(b)).toEqual([recent.id, months.id]);
    expect((await t.client.get(`/moments/${old.id}`, b.token)).status).toBe(404);

    await put("/moments/settings", { visibleRange: "3d" }, a);
    expect(await profile(b)).toEqual([recent.id]);
    expect(await feedIds(b)).toEqual([recent.id]);
    expect(await profile(a)).toEqual([recent.id, months.id, old.id]);
    expect((await put("/moments/settings", { visibleRange: "1y" }, a)).status).toBe(400);
  });
});

describe("pagination", () => {
  it("pages the feed newest first with a cursor, across authors, without gaps or repeats", async () => {
    const { a, b, c } = await circle();
    await t.client.befriend(b, c);
    const posted: string[] = [];
    for (let i = 0; i < 7; i++) posted.push((await post([a, b, c][i % 3] as TestUser, { text: `m${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await feedOf(b, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...posted].reverse());
    expect((await t.client.get("/moments/feed?cursor=garbage", b.token)).status).toBe(400);
    expect((await t.client.get("/moments/feed?limit=201", b.token)).status).toBe(400);
  });
});

describe("notifications", () => {
  it("notifies the author of likes and comments and the replied person, live over the socket", async () => {
    const { a, b, c } = await circle();
    const p = await upload(a);
    const m = await post(a, { text: "notify", mediaIds: [p.id] });
    const socket = await TestSocket.open(t.url, { token: a.token });
    await socket.sync(0);
    try {
      const liveLike = socket.upcoming((f) => f.type === "moment.notification");
      await t.client.post(`/moments/${m.id}/likes`, {}, b.token);
      const like = await liveLike;
      expect(like.eventSeq).toBeGreaterThan(0);
      expect(like.notification).toMatchObject({
        kind: "like",
        momentId: m.id,
        actor: { id: b.id },
        comment: null,
        thumbUrl: p.thumbUrl,
        momentText: null,
        read: false,
      });
      await t.client.post(`/moments/${m.id}/likes`, {}, b.token); // again: nothing new
      const liveComment = socket.upcoming((f) => f.type === "moment.notification");
      const comment = (await t.client.post(`/moments/${m.id}/comments`, { text: "nice" }, c.token)).body;
      expect((await liveComment).notification).toMatchObject({
        kind: "comment",
        actor: { id: c.id },
        comment: { id: comment.id, text: "nice", replyTo: null },
      });
    } finally {
      await socket.close();
    }
    // Own likes and comments notify nobody.
    await t.client.post(`/moments/${m.id}/likes`, {}, a.token);
    await t.client.post(`/moments/${m.id}/comments`, { text: "thanks c", replyToUserId: c.id }, a.token);

    const list = (await t.client.get("/moments/notifications", a.token)).body;
    expect(list.unread).toBe(2);
    expect(list.items.map((n: Json) => n.kind)).toEqual(["comment", "like"]);
    const forC = (await t.client.get("/moments/notifications", c.token)).body;
    expect(forC.unread).toBe(1);
    expect(forC.items[0]).toMatchObject({
      kind: "comment",
      actor: { id: a.id },
      comment: { text: "thanks c", replyTo: { id: c.id } },
    });

    // B unlikes: the like notification goes; reading marks the rest read.
    await t.client.delete(`/moments/${m.id}/likes`, b.token);
    const after = (await t.client.get("/moments/notifications", a.token)).body;
    expect(after.items.map((n: Json) => n.kind)).toEqual(["comment"]);
    expect((await t.client.post("/moments/notifications/read", {}, a.token)).status).toBe(204);
    const read = (await t.client.get("/moments/notifications", a.token)).body;
    expect(read.unread).toBe(0);
    expect(read.items[0].read).toBe(true);
    expect((await t.client.get("/moments/notifications", b.token)).body).toEqual({
      items: [],
      nextCursor: null,
      unread: 0,
    });
  });

  it("marks read up to one notification, pages, and drops those of people no longer my contacts", async () => {
    const { a, b, c, d } = await circle();
    const m = await post(a, { text: "many" });
    for (const u of [b, c, d]) await t.client.post(`/moments/${m.id}/likes`, {}, u.token);
    const first = (await t.client.get("/moments/notifications?limit=2", a.token)).body;
    expect(first.items.map((n: { actor: { id: string } }) => n.actor.id)).toEqual([d.id, c.id]);
    expect(first.unread).toBe(3);
    const second = (await t.client.get(`/moments/notifications?limit=2&cursor=${first.nextCursor}`, a.token))
      .body;
    expect(second.items.map((n: { actor: { id: string } }) => n.actor.id)).toEqual([b.id]);
    expect(second.nextCursor).toBeNull();
    await t.client.post("/moments/notifications/read", { upToId: first.items[1].id }, a.token);
    expect((await t.client.get("/moments/notifications", a.token)).body.unread).toBe(1);
    await t.client.post("/blocks", { userId: d.id }, a.token);
    const left = (await t.client.get("/moments/notifications", a.token)).body;
    expect(left.items.map((n: { actor: { id: string } }) => n.actor.id)).toEqual([c.id, b.id]);
    expect(left.unread).toBe(0);
  });
});

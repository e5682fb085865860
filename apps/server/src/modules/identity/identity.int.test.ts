import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const USER_KEYS = ["avatarUrl", "displayName", "handle", "id"];

describe("POST /auth/register", () => {
  it("creates an account, answers user and token, and stores the handle in lower case", async () => {
    const res = await t.client.post("/auth/register", {
      handle: "Zoe_1",
      displayName: " Zoé ",
      password: "12345678",
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
    expect(res.body.user).toMatchObject({ handle: "zoe_1", displayName: "Zoé", avatarUrl: null });
    expect(typeof res.body.token).toBe("string");
    expect(res.body.token.length).toBeGreaterThanOrEqual(32);
    const me = await t.client.get("/me", res.body.token);
    expect(me.body).toEqual(res.body.user);
  });

  it("refuses a handle taken in any case with 409 handle_taken", async () => {
    await t.client.post("/auth/register", { handle: "taken", displayName: "A", password: "12345678" });
    const res = await t.client.post("/auth/register", {
      handle: "TAKEN",
      displayName: "B",
      password: "12345678",
    });
    expect(res.status).toBe(409);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: "handle_taken", title: "Conflict" });
  });

  it.each([
    ["a handle too short", { handle: "ab", displayName: "A", password: "12345678" }, "body.handle"],
    ["a handle too long", { handle: "a".repeat(33), displayName: "A", password: "12345678" }, "body.handle"],
    [
      "a handle with other characters",
      { handle: "bad-handle", displayName: "A", password: "12345678" },
      "body.handle",
    ],
    ["a short password", { handle: "shortpw", displayName: "A", password: "1234567" }, "body.password"],
    ["no display name", { handle: "noname", password: "12345678" }, "body.displayName"],
    [
      "a blank display name",
      { handle: "blank", displayName: "   ", password: "12345678" },
      "body.displayName",
    ],
    ["a number for a handle", { handle: 12345, displayName: "A", password: "12345678" }, "body.handle"],
  ])("refuses %s with 400 validation_failed naming the field", async (_, body, path) => {
    const res = await t.client.post("/auth/register", body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("never answers with the password hash", async () => {
    const res = await t.client.post("/auth/register", {
      handle: "nohash",
      displayName: "N",
      password: "12345678",
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);
  });
});

describe("POST /auth/login", () => {
  it("opens a session with the right password, in any case of handle", async () => {
    const u = await t.client.user("login");
    const res = await t.client.post("/auth/login", {
      handle: u.handle.toUpperCase(),
      password: "correct horse",
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(u.id);
    expect(res.body.token).not.toBe(u.token);
    expect((await t.client.get("/me", res.body.token)).status).toBe(200);
  });

  it("answers the same 401 for an unknown handle and a wrong password", async () => {
    const u = await t.client.user("login");
    const wrong = await t.client.post("/auth/login", { handle: u.handle, password: "wrong password" });
    const unknown = await t.client.post("/auth/login", { handle: "nobody_here", password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe("invalid_credentials");
  });

  it("sets an HttpOnly session cookie that works for every endpoint", async () => {
    const u = await t.client.user("cookie");
    const res = await t.client.post("/auth/login", { handle: u.handle, password: "correct horse" });
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/agora_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0] as string;
    const me = await t.client.request("GET", "/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(u.id);
    const patched = await t.client.request("PATCH", "/me", {
      headers: { cookie },
      body: { displayName: "Via cookie" },
    });
    expect(patched.body.displayName).toBe("Via cookie");
  });

  it("refuses a cookie-authenticated change sent from another site", async () => {
    const u = await t.client.user("csrf");
    const res = await t.client.post("/auth/login", { handle: u.handle, password: "correct horse" });
    const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
    const attack = await t.client.request("PATCH", "/me", {
      headers: { cookie, origin: "https://evil.example" },
      body: { displayName: "pwned" },
    });
    expect(attack.status).toBe(403);
    expect(attack.body.code).toBe("cross_site_request");
    expect((await t.client.get("/me", u.token)).body.displayName).toBe("csrf");
  });
});

describe("POST /auth/logout", () => {
  it("ends that session at once and leaves the others", async () => {
    const u = await t.client.user("logout");
    const second = await t.client.post("/auth/login", { handle: u.handle, password: "correct horse" });
    const out = await t.client.post("/auth/logout", {}, u.token);
    expect(out.status).toBe(204);
    expect(out.body).toBe("");
    const after = await t.client.get("/me", u.token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("unauthorized");
    expect((await t.client.get("/me", second.body.token)).status).toBe(200);
  });

  it("needs a session", async () => {
    expect((await t.client.post("/auth/logout", {})).status).toBe(401);
  });
});

describe("GET and PATCH /me", () => {
  it("is 401 without a token or with a bad one", async () => {
    expect((await t.client.get("/me")).status).toBe(401);
    expect((await t.client.get("/me", "not-a-real-token-but-long-enough")).status).toBe(401);
    const res = await t.client.request("GET", "/me", { headers: { authorization: "Basic abc" } });
    expect(res.status).toBe(401);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("changes the display name, trimmed", async () => {
    const u = await t.client.user("patch");
    const res = await t.client.patch("/me", { displayName: "  New Name  " }, u.token);
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe("New Name");
    expect((await t.client.get("/me", u.token)).body.displayName).toBe("New Name");
  });

  it("refuses an empty name, an unknown field and an avatar that does not exist", async () => {
    const u = await t.client.user("patch");
    expect((await t.client.patch("/me", { displayName: "" }, u.token)).status).toBe(400);
    expect((await t.client.patch("/me", { handle: "other" }, u.token)).status).toBe(400);
    const avatar = await t.client.patch(
      "/me",
      { avatarMediaId: "01a20000-0000-7000-8000-000000000000" },
      u.token,
    );
    expect(avatar.status).toBe(404);
    expect(avatar.body.code).toBe("media_not_found");
    const cleared = await t.client.patch("/me", { avatarMediaId: null }, u.token);
    expect(cleared.status).toBe(200);
    expect(cleared.body.avatarUrl).toBeNull();
  });
});

describe("GET /users/:id and /users/search", () => {
  it("shows a user by id, and 404 for unknown or malformed ids", async () => {
    const a = await t.client.user("viewer");
    const b = await t.client.user("shown", "Shown Person");
    const res = await t.client.get(`/users/${b.id}`, a.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: b.id, handle: b.handle, displayName: "Shown Person", avatarUrl: null });
    expect((await t.client.get("/users/01a20000-0000-7000-8000-000000000000", a.token)).status).toBe(404);
    expect((await t.client.get("/users/nonsense", a.token)).status).toBe(404);
    expect((await t.client.get(`/users/${b.id}`)).status).toBe(401);
  });

  it("finds people by handle prefix and by a word of their display name, not myself", async () => {
    const me = await t.client.user("searcher");
    const x = await t.client.user("xylophone", "Quentin Tarantula");
    const byHandle = await t.client.get("/users/search?q=xylo", me.token);
    expect(byHandle.status).toBe(200);
    expect(byHandle.body.items.map((u: { id: string }) => u.id)).toContain(x.id);
    const byName = await t.client.get("/users/search?q=tarant", me.token);
    expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([x.id]);
    const self = await t.client.get(`/users/search?q=${me.handle}`, me.token);
    expect(self.body.items).toEqual([]);
  });

  it("treats % and _ in a query as plain characters", async () => {
    const me = await t.client.user("wild");
    const res = await t.client.get("/users/search?q=%25", me.token);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it("needs a query", async () => {
    const me = await t.client.user("noq");
    const res = await t.client.get("/users/search", me.token);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
  });
});

describe("rate limits", () => {
  it("answers 429 rate_limited with Retry-After after too many failed logins for one handle", async () => {
    const limited = await startTestApp({ rateLimit: true });
    try {
      const u = await limited.client.user("victim");
      let last = await limited.client.post("/auth/login", { handle: u.handle, password: "nope nope" });
      for (let i = 0; i < 10 && last.status === 401; i++) {
        last = await limited.client.post("/auth/login", { handle: u.handle, password: "nope nope" });
      }
      expect(last.status).toBe(429);
      expect(last.body.code).toBe("rate_limited");
      expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
      // Even the right password waits: the lock is on the handle.
      const right = await limited.client.post("/auth/login", { handle: u.handle, password: "correct horse" });
      expect(right.status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

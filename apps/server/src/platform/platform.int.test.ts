import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("conventions every endpoint follows", () => {
  it("answers health once the database answers", async () => {
    const res = await t.client.get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("answers unknown routes with a 404 problem", async () => {
    const res = await t.client.get("/no/such/thing");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: "route_not_found", title: "Not Found" });
    expect(res.body.type).toEqual(expect.any(String));
    expect(res.body.detail).toEqual(expect.any(String));
  });

  it("refuses JSON bodies over 1 MB with 413", async () => {
    const res = await t.client.post("/auth/register", {
      handle: "big",
      displayName: "x".repeat(1024 * 1024),
      password: "12345678",
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("payload_too_large");
  });

  it("answers malformed JSON and a wrong content type with 4xx problems, never 500", async () => {
    const malformed = await t.client.request("POST", "/auth/login", {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("malformed_json");
    const wrongType = await t.client.request("POST", "/auth/login", {
      body: "handle=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrongType.status).toBe(415);
    const arrayBody = await t.client.post("/auth/login", [1, 2]);
    expect(arrayBody.status).toBe(400);
    const nullBody = await t.client.request("POST", "/auth/login", {
      body: "null",
      headers: { "content-type": "application/json" },
    });
    expect(nullBody.status).toBe(400);
  });

  it("puts security headers on API answers and error answers", async () => {
    for (const res of [await t.client.get("/health"), await t.client.get("/nope")]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(String(res.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("serves OpenAPI describing the public core, and a readable reference", async () => {
    const spec = await t.client.get("/openapi.json");
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const p of [
      "/api/v1/health",
      "/api/v1/auth/register",
      "/api/v1/contacts/requests/{id}/accept",
      "/api/v1/blocks",
    ]) {
      expect(Object.keys(spec.body.paths)).toContain(p);
    }
    expect(spec.body.paths["/api/v1/auth/register"].post.responses).toHaveProperty("201");
    const docs = await t.client.request("GET", "/api/docs/");
    expect(docs.status).toBe(200);
    expect(String(docs.headers["content-type"])).toMatch(/text\/html/);
  });

  it("never sends a stack trace, even for a failure of our own", async () => {
    const failing = await startTestApp();
    await failing.database.close();
    try {
      const res = await failing.client.get("/health");
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("database_unavailable");
      const login = await failing.client.post("/auth/login", { handle: "someone", password: "whatever" });
      expect(login.status).toBe(500);
      expect(login.body).toMatchObject({ code: "internal_error", status: 500 });
      expect(JSON.stringify(login.body)).not.toMatch(/at .*\.ts|Error:/);
    } finally {
      await failing.close().catch(() => {});
    }
  });
});

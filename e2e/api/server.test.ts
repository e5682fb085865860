import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BootedServer, ROOT } from "./boot.ts";

const server = new BootedServer({ DEMO_DATA: "on" });
beforeAll(() => server.start());
afterAll(() => server.dispose());

async function login(handle: string, password = "agora-demo") {
  const res = await server.call("POST", "/auth/login", { body: { handle, password } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

describe("a booted server", () => {
  it("is healthy and says where to open it and how to sign in", async () => {
    const res = await server.call("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(server.output).toContain(`Agora is running on http://127.0.0.1:${server.port}`);
    expect(server.output).toMatch(/alice.*bob.*password "agora-demo"/);
  });

  it("has demo data: alice and bob are contacts, carol has asked alice", async () => {
    const alice = await login("alice");
    const contacts = await server.call("GET", "/contacts", { token: alice });
    expect(contacts.body.items.map((u: { handle: string }) => u.handle)).toEqual(["bob"]);
    const requests = await server.call("GET", "/contacts/requests", { token: alice });
    expect(requests.body.items).toHaveLength(1);
    expect(requests.body.items[0]).toMatchObject({ direction: "incoming", fromUser: { handle: "carol" } });
  });

  it("runs a whole contact flow over HTTP with bearer tokens", async () => {
    const reg = await server.call("POST", "/auth/register", {
      body: { handle: "eve_e2e", displayName: "Eve", password: "long enough" },
    });
    expect(reg.status).toBe(201);
    const eve = reg.body.token as string;
    const dave = await login("dave");
    const found = await server.call("GET", "/users/search?q=Eve", { token: dave });
    const eveId = found.body.items[0].id;
    const req = await server.call("POST", "/contacts/requests", { token: dave, body: { userId: eveId } });
    expect(req.status).toBe(201);
    const acc = await server.call("POST", `/contacts/requests/${req.body.id}/accept`, { token: eve });
    expect(acc.status).toBe(200);
    const contacts = await server.call("GET", "/contacts", { token: eve });
    expect(contacts.body.items.map((u: { handle: string }) => u.handle)).toEqual(["dave"]);
  });

  it("refuses a body over 1 MB with 413 problem+json", async () => {
    const res = await server.call("POST", "/auth/login", {
      body: JSON.stringify({ handle: "x", password: "y".repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("serves the web app at / with a strict CSP, and deep links fall back to it", async () => {
    expect(
      existsSync(path.join(ROOT, "apps/web/dist/index.html")),
      "build the web app first: npm run build",
    ).toBe(true);
    for (const p of ["/", "/contacts", "/q/some-token"]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await res.text()).toMatch(/<div id="root">/);
    }
    const api404 = await fetch(`${server.url}/api/v1/definitely-not`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get("content-type")).toMatch(/problem\+json/);
  });
});

describe("restarts", () => {
  it("keeps what it acknowledged across kill -9 and a restart", async () => {
    const s = new BootedServer({ DEMO_DATA: "off" });
    try {
      await s.start();
      const reg = await s.call("POST", "/auth/register", {
        body: { handle: "durable", displayName: "Durable", password: "long enough" },
      });
      expect(reg.status).toBe(201);
      expect(await s.stop("SIGKILL")).toBeNull();
      await s.start();
      const again = await s.call("POST", "/auth/login", {
        body: { handle: "durable", password: "long enough" },
      });
      expect(again.status).toBe(200);
      expect((await s.call("GET", "/me", { token: reg.body.token })).status).toBe(200);
    } finally {
      await s.dispose();
    }
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const s = new BootedServer({ DEMO_DATA: "off" });
    try {
      await s.start();
      expect(await s.stop("SIGTERM")).toBe(0);
    } finally {
      await s.dispose();
    }
  });

  it("refuses to start on a bad configuration and says why", async () => {
    const s = new BootedServer({ RATE_LIMIT: "sometimes" });
    try {
      await expect(s.start()).rejects.toThrow(/RATE_LIMIT/);
    } finally {
      await s.dispose();
    }
  });
});

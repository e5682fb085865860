import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "../../apps/server/test/ws-client.ts";
import { BootedServer } from "./boot.ts";

async function register(node: BootedServer, handle: string) {
  const res = await node.call("POST", "/auth/register", {
    body: { handle, displayName: handle, password: "long enough" },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id as string, token: res.body.token as string };
}

/** The phone's part: scan the code, approve it. */
async function approveFrom(node: BootedServer, phoneToken: string, url: string) {
  const scanned = await node.call("POST", "/qr/resolve", { token: phoneToken, body: { url } });
  expect(scanned.body).toMatchObject({ kind: "login" });
  const approved = await node.call("POST", `/auth/qr-login/${scanned.body.code}/approve`, {
    token: phoneToken,
  });
  expect(approved.status).toBe(204);
}

describe("web login by QR on a booted server", () => {
  const webDist = mkdtempSync(path.join(os.tmpdir(), "agora-qr-web-"));
  writeFileSync(path.join(webDist, "index.html"), '<!doctype html><div id="root"></div>');
  const server = new BootedServer({ DEMO_DATA: "off", WEB_DIST: webDist });
  beforeAll(() => server.start());
  afterAll(async () => {
    await server.dispose();
    rmSync(webDist, { recursive: true, force: true });
  });

  it("signs a browser in with the cookie, told over its socket, without polling", async () => {
    const phone = await register(server, "qr_e2e_phone");
    const start = await server.call("POST", "/auth/qr-login");
    expect(start.status).toBe(201);
    const { id, url } = start.body;
    // A phone camera opens the web app at the code's URL.
    const page = await fetch(`${server.url}${new URL(url).pathname}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');

    const browser = await TestSocket.openPath(server.url, `/api/v1/auth/qr-login/${id}/ws`);
    await browser.next((f) => f.status === "pending");
    await approveFrom(server, phone.token, url);
    await browser.next((f) => f.status === "approved");

    const collect = await fetch(`${server.url}/api/v1/auth/qr-login/${id}`);
    const cookie = collect.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^agora_session=[^;]+;.*HttpOnly/i);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(((await me.json()) as { id: string }).id).toBe(phone.id);
    expect(
      ((await (await fetch(`${server.url}/api/v1/auth/qr-login/${id}`)).json()) as { status: string }).status,
    ).toBe("consumed");
  });
});

// Skipped without DATABASE_URL and REDIS_URL: two nodes can't share an embedded PGlite, so this
// needs a PostgreSQL server and Redis (CI's second pass sets both and runs it).
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)("web login by QR across two nodes", () => {
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

  it("wakes the browser's socket on node B when the phone approves on node A", async () => {
    const phone = await register(nodeA, "qr_node_phone");
    const { id, url } = (await nodeB.call("POST", "/auth/qr-login")).body;
    const browser = await TestSocket.openPath(nodeB.url, `/api/v1/auth/qr-login/${id}/ws`);
    await browser.next((f) => f.status === "pending");
    await approveFrom(nodeA, phone.token, url);
    await browser.next((f) => f.status === "scanned");
    await browser.next((f) => f.status === "approved");
    const collected = await nodeB.call("GET", `/auth/qr-login/${id}`);
    expect(collected.body).toMatchObject({ status: "approved", user: { id: phone.id } });
    expect((await nodeA.call("GET", "/me", { token: collected.body.token })).body.id).toBe(phone.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "../../apps/server/test/ws-client.ts";
import { BootedServer } from "./boot.ts";

/** The wallet on a booted server, as a client sees it: HTTP, the socket's events, the CSV. */
const server = new BootedServer({ DEMO_DATA: "off" });
beforeAll(() => server.start());
afterAll(() => server.dispose());

const PIN = "482913";
const eur = (amount: number) => ({ amount, currency: "EUR" });

async function register(handle: string) {
  const res = await server.call("POST", "/auth/register", {
    body: { handle, displayName: handle, password: "long enough" },
  });
  expect(res.status).toBe(201);
  const u = { id: res.body.user.id as string, token: res.body.token as string };
  expect((await server.call("PUT", "/wallet/pin", { token: u.token, body: { pin: PIN } })).status).toBe(204);
  return u;
}

describe("wallet over a booted server", () => {
  it("pays in a chat: the payee's socket gets the transfer card and wallet.updated; receipt and CSV follow", async () => {
    const ann = await register("wal_ann");
    const ben = await register("wal_ben");
    const req = await server.call("POST", "/contacts/requests", {
      token: ann.token,
      body: { userId: ben.id },
    });
    await server.call("POST", `/contacts/requests/${req.body.id}/accept`, { token: ben.token });
    const conv = await server.call("POST", "/conversations", {
      token: ann.token,
      body: { type: "direct", userId: ben.id },
    });
    const top = await server.call("POST", "/wallet/topups", {
      token: ann.token,
      body: { amount: eur(5_000) },
    });
    expect(top.status).toBe(201);
    expect(top.body.balance).toEqual(eur(5_000));

    const socket = await TestSocket.open(server.url, { token: ben.token });
    await socket.sync(0);
    const card = socket.next((f) => f.type === "message.new" && f.message.kind === "transfer");
    const updated = socket.next((f) => f.type === "wallet.updated");
    const paid = await server.call("POST", "/wallet/transfers", {
      token: ann.token,
      body: { toUserId: ben.id, amount: eur(1_234), note: "dinner", pin: PIN, conversationId: conv.body.id },
      headers: { "idempotency-key": "dinner-1" },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      from: ann.id,
      to: ben.id,
      amount: eur(1_234),
      note: "dinner",
      status: "completed",
    });
    expect((await card).message.payload).toEqual({
      transferId: paid.body.id,
      amount: eur(1_234),
      note: "dinner",
      toUserId: ben.id,
    });
    expect((await updated).balance).toEqual(eur(1_234));
    await socket.close();

    const receipt = await server.call("GET", `/wallet/transfers/${paid.body.id}`, { token: ben.token });
    expect(receipt.body).toEqual(paid.body);

    const csv = await fetch(`${server.url}/api/v1/wallet/transactions.csv?kind=transfer`, {
      headers: { authorization: `Bearer ${ann.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`,transfer,-1234,EUR,3766,wal_ben,wal_ben,dinner,${paid.body.id}`);
  });

  it("answers problem+json with triesLeft, then 423 pin_locked", async () => {
    const cat = await register("wal_cat");
    const dan = await register("wal_dan");
    await server.call("POST", "/wallet/topups", { token: cat.token, body: { amount: eur(100) } });
    const pay = (pin: string) =>
      server.call("POST", "/wallet/transfers", {
        token: cat.token,
        body: { toUserId: dan.id, amount: eur(1), pin },
      });
    for (const left of [4, 3, 2, 1]) {
      const r = await pay("000000");
      expect(r.status).toBe(422);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ code: "wrong_pin", status: 422, triesLeft: left });
    }
    const locked = await pay("000000");
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe("pin_locked");
    expect((await pay(PIN)).status).toBe(423);
    const poor = await server.call("POST", "/wallet/transfers", {
      token: dan.token,
      body: { toUserId: cat.id, amount: eur(1), pin: PIN },
    });
    expect(poor.status).toBe(422);
    expect(poor.body.code).toBe("insufficient_funds");
  });
});

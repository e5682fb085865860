import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { verifyLedger } from "./verify.ts";

/**
 * The group-commit path of plain transfers: transfers started together are written by one call
 * of agora_transfer_batch, each item checked in order against the effects of the earlier ones.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  const report = await verifyLedger(t.database.db as never);
  await t.close();
  expect(report.violations).toEqual([]);
  expect(report.total).toBe(0);
});

const eur = (amount: number) => ({ amount, currency: "EUR" });
const PIN = "123456";

async function funded(name: string, amount: number): Promise<TestUser> {
  const u = await t.client.user(name);
  const pin = await t.client.request("PUT", "/wallet/pin", { token: u.token, body: { pin: PIN } });
  expect(pin.status).toBe(204);
  if (amount > 0) {
    const r = await t.client.request("POST", "/wallet/topups", {
      token: u.token,
      body: { amount: eur(amount) },
    });
    expect(r.status).toBe(201);
  }
  return u;
}

async function balance(u: TestUser): Promise<number> {
  return (await t.client.get("/wallet", u.token)).body.balance.amount;
}

/** Starts transfers in the same tick (so they join one batch) and settles them all. */
function together(payer: TestUser, items: { to: TestUser; amount: number; key?: string }[]) {
  const wallet = t.services.wallet;
  return Promise.allSettled(
    items.map((i) =>
      wallet.transfer(payer.id, { toUserId: i.to.id, amount: eur(i.amount), pin: PIN }, i.key),
    ),
  );
}

function code(r: PromiseSettledResult<unknown>): string | undefined {
  return r.status === "rejected" ? (r.reason as { code?: string }).code : undefined;
}

describe("batched transfers", () => {
  it("an item that would overdraw is refused alone; later items see the earlier ones", async () => {
    const payer = await funded("bpayer", 100);
    const b = await funded("bb", 0);
    const c = await funded("bc", 0);
    const before = { ...t.services.wallet.transferBatchStats };
    const results = await together(payer, [
      { to: b, amount: 60 },
      { to: c, amount: 30 },
      { to: b, amount: 20 }, // 110 > 100: refused
      { to: c, amount: 10 }, // exactly the rest
    ]);
    const after = t.services.wallet.transferBatchStats;
    expect(after.batches - before.batches).toBe(1);
    expect(after.items - before.items).toBe(4);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(code(results[2] as PromiseSettledResult<unknown>)).toBe("insufficient_funds");
    expect(await balance(payer)).toBe(0);
    expect(await balance(b)).toBe(60);
    expect(await balance(c)).toBe(40);

    // Balances after each posting follow the input order.
    const history = await t.client.get("/wallet/transactions?limit=10", payer.token);
    expect(
      history.body.items.map((i: { balanceAfter: { amount: number } }) => i.balanceAfter.amount),
    ).toEqual([0, 10, 40, 100]);
    // Each wallet that changed got its durable wallet.updated events, in order.
    const events = await t.services.events.since(b.id, 0, 100);
    const balances = events
      .map((e) => JSON.parse(e.frame))
      .filter((f) => f.type === "wallet.updated")
      .map((f) => f.balance.amount);
    expect(balances).toEqual([60]);
  });

  it("the same key twice in one batch moves the money once; another body with it is a conflict", async () => {
    const payer = await funded("kpayer", 1_000);
    const b = await funded("kb", 0);
    const before = { ...t.services.wallet.transferBatchStats };
    const results = await together(payer, [
      { to: b, amount: 100, key: "same" },
      { to: b, amount: 100, key: "same" },
      { to: b, amount: 999, key: "same" },
      { to: b, amount: 100, key: "same" },
    ]);
    const after = t.services.wallet.transferBatchStats;
    expect(after.batches - before.batches).toBe(1);
    expect(after.largest).toBeGreaterThanOrEqual(4);
    const ok = results.filter((r) => r.status === "fulfilled").map((r) => (r.value as { id: string }).id);
    expect(ok).toHaveLength(3);
    expect(new Set(ok).size).toBe(1);
    expect(code(results[2] as PromiseSettledResult<unknown>)).toBe("idempotency_conflict");
    expect(await balance(payer)).toBe(900);
    expect(await balance(b)).toBe(100);
    const again = await t.client.request("POST", "/wallet/transfers", {
      token: payer.token,
      body: { toUserId: b.id, amount: eur(100), pin: PIN },
      headers: { "idempotency-key": "same" },
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(ok[0]);
    expect(await balance(payer)).toBe(900);
  });

  it("refuses an unknown or blocking payee inside a batch without failing the others", async () => {
    const payer = await funded("upayer", 500);
    const b = await funded("ub", 0);
    const blocker = await funded("ublock", 0);
    const blocked = await t.client.request("POST", "/blocks", {
      token: blocker.token,
      body: { userId: payer.id },
    });
    expect([200, 201, 204]).toContain(blocked.status);
    const ghost = { id: "0190f0f0-0000-7000-8000-000000000000", token: "" } as TestUser;
    const results = await together(payer, [
      { to: ghost, amount: 10 },
      { to: blocker, amount: 10 },
      { to: b, amount: 10 },
    ]);
    expect(results.map(code)).toEqual(["user_not_found", "user_not_found", undefined]);
    expect(await balance(payer)).toBe(490);
    expect(await balance(blocker)).toBe(0);
  });
});

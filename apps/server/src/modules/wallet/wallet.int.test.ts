import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { eur, PIN, walletClient } from "../../../test/wallet-client.ts";
import type { SandboxFundingProvider } from "./funding.ts";
import { verifyLedger } from "./verify.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  // Every money test leaves a ledger that recomputes to the same balances and sums to zero.
  const report = await verifyLedger(t.database.db as never);
  await t.close();
  expect(report.violations).toEqual([]);
});

const { req, funded, balance } = walletClient(() => t);

describe("wallet basics", () => {
  it("starts empty, without a PIN", async () => {
    const u = await t.client.user("new");
    const w = await req("GET", "/wallet", u);
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ balance: eur(0), hasPin: false, pinLockedUntil: null });
  });

  it("needs a session", async () => {
    expect((await t.client.get("/wallet")).status).toBe(401);
    const body = { toUserId: "0190f0f0-0000-7000-8000-000000000000", amount: eur(1), pin: PIN };
    expect((await t.client.post("/wallet/transfers", body)).status).toBe(401);
  });

  it("tops up from the sandbox provider: 201 with the new balance", async () => {
    const u = await funded("top", 0);
    const r = await req("POST", "/wallet/topups", u, { amount: eur(2_500) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: "topup",
      amount: eur(2_500),
      status: "completed",
      balance: eur(2_500),
    });
    expect(await balance(u)).toBe(2_500);
  });

  it("a new wallet's first payments at once all succeed (its account is created once)", async () => {
    const u = await t.client.user("first");
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => req("POST", "/wallet/topups", u, { amount: eur(100) })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(await balance(u)).toBe(800);
  });

  it("refuses amounts outside 1..10^12 and other currencies with 400", async () => {
    const u = await funded("amt", 0);
    for (const amount of [0, -5, 1.5, 1_000_000_000_001]) {
      const r = await req("POST", "/wallet/topups", u, { amount: eur(amount) });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("validation_failed");
    }
    const usd = await req("POST", "/wallet/topups", u, { amount: { amount: 5, currency: "USD" } });
    expect(usd.status).toBe(400);
    expect(usd.body.code).toBe("currency_mismatch");
    expect((await req("POST", "/wallet/topups", u, { amount: eur(1_000_000_000_000) })).status).toBe(201);
  });
});

describe("PIN", () => {
  it("is 6 digits", async () => {
    const u = await t.client.user("pin");
    for (const pin of ["12345", "1234567", "abcdef"]) {
      expect((await req("PUT", "/wallet/pin", u, { pin })).status).toBe(400);
    }
    expect((await req("PUT", "/wallet/pin", u, { pin: PIN })).status).toBe(204);
    expect((await req("GET", "/wallet", u)).body.hasPin).toBe(true);
  });

  it("changing it needs currentPin (400 without), and a wrong one counts", async () => {
    const u = await funded("chg", 100);
    const b = await funded("chgb", 0);
    const missing = await req("PUT", "/wallet/pin", u, { pin: "654321" });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("current_pin_required");
    const wrong = await req("PUT", "/wallet/pin", u, { pin: "654321", currentPin: "000000" });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: "wrong_pin", triesLeft: 4 });
    const bad = await req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: "000001" });
    expect(bad.body).toMatchObject({ code: "wrong_pin", triesLeft: 3 });
    expect((await req("PUT", "/wallet/pin", u, { pin: "654321", currentPin: PIN })).status).toBe(204);
    const old = await req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: PIN });
    expect(old.body).toMatchObject({ code: "wrong_pin", triesLeft: 4 });
    expect(
      (await req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: "654321" })).status,
    ).toBe(201);
  });

  it("ten wrong PINs at once: at most four 422s, the rest 423, and the lock holds", async () => {
    const u = await funded("burst", 100);
    const b = await funded("burstb", 0);
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: "999999" }),
      ),
    );
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 422).length).toBeLessThanOrEqual(4);
    expect(statuses.every((s) => s === 422 || s === 423)).toBe(true);
    expect(
      (await req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: PIN })).status,
    ).toBe(423);
    expect(await balance(u)).toBe(100);
  });

  it("a payment before any PIN is 422 pin_not_set", async () => {
    const u = await t.client.user("nopin");
    const b = await t.client.user("nopinb");
    const r = await req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin: PIN });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe("pin_not_set");
  });

  it("five wrong PINs in a row lock PIN-checked calls (423 from the fifth), a right one in between resets", async () => {
    const u = await funded("lock", 500);
    const b = await funded("lockb", 0);
    const pay = (pin: string) => req("POST", "/wallet/transfers", u, { toUserId: b.id, amount: eur(1), pin });
    for (const left of [4, 3])
      expect((await pay("999999")).body).toMatchObject({ status: 422, triesLeft: left });
    expect((await pay(PIN)).status).toBe(201);
    for (const left of [4, 3, 2, 1]) {
      const r = await pay("999999");
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: "wrong_pin", triesLeft: left });
    }
    const fifth = await pay("999999");
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe("pin_locked");
    expect(Date.parse(fifth.body.lockedUntil) - Date.now()).toBeGreaterThan(14 * 60_000);
    // Locked even with the right PIN, for transfers, withdrawals and PIN changes alike.
    expect((await pay(PIN)).status).toBe(423);
    expect((await req("POST", "/wallet/withdrawals", u, { amount: eur(1), pin: PIN })).status).toBe(423);
    expect((await req("PUT", "/wallet/pin", u, { pin: "111111", currentPin: PIN })).status).toBe(423);
    expect((await req("GET", "/wallet", u)).body.pinLockedUntil).toBe(fifth.body.lockedUntil);
    expect(await balance(u)).toBe(499);
  });
});

describe("transfers", () => {
  it("moves money: 201 with the API.md fields, balances and histories on both sides", async () => {
    const a = await funded("payer", 1_000);
    const b = await funded("payee", 0);
    const r = await req("POST", "/wallet/transfers", a, {
      toUserId: b.id,
      amount: eur(300),
      note: "lunch",
      pin: PIN,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      from: a.id,
      to: b.id,
      amount: eur(300),
      note: "lunch",
      status: "completed",
    });
    expect(r.body.fromUser.handle).toBe(a.handle);
    expect(r.body.toUser.handle).toBe(b.handle);
    expect(typeof r.body.createdAt).toBe("string");
    expect(await balance(a)).toBe(700);
    expect(await balance(b)).toBe(300);

    const ha = await req("GET", "/wallet/transactions", a);
    expect(ha.body.items[0]).toMatchObject({
      kind: "transfer",
      amount: eur(-300),
      balanceAfter: eur(700),
      note: "lunch",
      transferId: r.body.id,
    });
    expect(ha.body.items[0].counterparty.id).toBe(b.id);
    expect(ha.body.items[1]).toMatchObject({ kind: "topup", amount: eur(1_000), balanceAfter: eur(1_000) });
    const hb = await req("GET", "/wallet/transactions", b);
    expect(hb.body.items[0]).toMatchObject({ kind: "transfer", amount: eur(300), balanceAfter: eur(300) });
    expect(hb.body.items[0].counterparty.id).toBe(a.id);
  });

  it("refuses what the balance does not cover: 422 insufficient_funds, nothing moves", async () => {
    const a = await funded("poor", 100);
    const b = await funded("poorb", 0);
    const r = await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(101), pin: PIN });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe("insufficient_funds");
    expect(await balance(a)).toBe(100);
    expect(await balance(b)).toBe(0);
  });

  it("400 for amount ≤ 0 and for paying oneself; 404 for an unknown or blocking payee", async () => {
    const a = await funded("val", 100);
    const b = await funded("valb", 0);
    for (const amount of [0, -1]) {
      expect(
        (await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(amount), pin: PIN })).status,
      ).toBe(400);
    }
    const self = await req("POST", "/wallet/transfers", a, { toUserId: a.id, amount: eur(1), pin: PIN });
    expect(self.status).toBe(400);
    expect(self.body.code).toBe("self_transfer");
    const unknown = await req("POST", "/wallet/transfers", a, {
      toUserId: "0190f0f0-0000-7000-8000-000000000000",
      amount: eur(1),
      pin: PIN,
    });
    expect(unknown.status).toBe(404);
    expect((await t.client.post("/blocks", { userId: a.id }, b.token)).status).toBe(204);
    const blocked = await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(1), pin: PIN });
    expect(blocked.status).toBe(404);
    expect(blocked.body.code).toBe("user_not_found");
    expect(await balance(a)).toBe(100);
  });

  it("the receipt is visible to payer and payee only", async () => {
    const a = await funded("rca", 100);
    const b = await funded("rcb", 0);
    const c = await funded("rcc", 0);
    const r = await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(5), pin: PIN });
    for (const u of [a, b]) {
      const got = await req("GET", `/wallet/transfers/${r.body.id}`, u);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(r.body);
    }
    expect((await req("GET", `/wallet/transfers/${r.body.id}`, c)).status).toBe(404);
    expect((await req("GET", "/wallet/transfers/nope", a)).status).toBe(404);
  });

  it("in a chat: a transfer card appears there in the same transaction", async () => {
    const a = await funded("chata", 1_000);
    const b = await funded("chatb", 0);
    const c = await funded("chatc", 0);
    await t.client.befriend(a, b);
    const conv = await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token);
    const r = await req("POST", "/wallet/transfers", a, {
      toUserId: b.id,
      amount: eur(250),
      note: "thanks",
      pin: PIN,
      conversationId: conv.body.id,
    });
    expect(r.status).toBe(201);
    expect(r.body.conversationId).toBe(conv.body.id);
    const msgs = await t.client.get(`/conversations/${conv.body.id}/messages`, b.token);
    const card = msgs.body.items.at(-1);
    expect(card).toMatchObject({
      id: r.body.messageId,
      kind: "transfer",
      senderId: a.id,
      payload: { transferId: r.body.id, amount: eur(250), note: "thanks", toUserId: b.id },
    });
    // The payee must be in that chat; nothing moves otherwise.
    const wrong = await req("POST", "/wallet/transfers", a, {
      toUserId: c.id,
      amount: eur(1),
      pin: PIN,
      conversationId: conv.body.id,
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe("conversation_not_found");
    const outsider = await req("POST", "/wallet/transfers", c, {
      toUserId: b.id,
      amount: eur(1),
      pin: PIN,
      conversationId: conv.body.id,
    });
    expect(outsider.status).toBe(404);
    expect(await balance(a)).toBe(750);
    expect(await balance(c)).toBe(0);
    // A client can't forge a transfer card.
    const forged = await t.client.post(
      `/conversations/${conv.body.id}/messages`,
      { clientId: "x1", kind: "transfer", payload: { transferId: r.body.id } },
      a.token,
    );
    expect(forged.status).toBe(400);
  });
});

describe("Idempotency-Key", () => {
  it("same key + same body: the first result again, money moved once", async () => {
    const a = await funded("ida", 1_000);
    const b = await funded("idb", 0);
    const body = { toUserId: b.id, amount: eur(100), pin: PIN };
    const first = await req("POST", "/wallet/transfers", a, body, "k-1");
    const again = await req("POST", "/wallet/transfers", a, body, "k-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await balance(a)).toBe(900);
    expect(await balance(b)).toBe(100);
  });

  it("same key + another body: 409 idempotency_conflict", async () => {
    const a = await funded("ica", 1_000);
    const b = await funded("icb", 0);
    await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(100), pin: PIN }, "k-2");
    const other = await req(
      "POST",
      "/wallet/transfers",
      a,
      { toUserId: b.id, amount: eur(101), pin: PIN },
      "k-2",
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("idempotency_conflict");
    const otherRoute = await req("POST", "/wallet/topups", a, { amount: eur(100) }, "k-2");
    expect(otherRoute.status).toBe(409);
    expect(await balance(a)).toBe(900);
  });

  it("concurrent requests with one key move money once", async () => {
    const a = await funded("cca", 1_000);
    const b = await funded("ccb", 0);
    const body = { toUserId: b.id, amount: eur(10), pin: PIN };
    const all = await Promise.all(
      Array.from({ length: 8 }, () => req("POST", "/wallet/transfers", a, body, "k-3")),
    );
    expect(all.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(await balance(a)).toBe(990);
  });

  it("concurrent requests with one key that the balance covers once: all get the one result", async () => {
    const a = await funded("cka", 100);
    const b = await funded("ckb", 0);
    const body = { toUserId: b.id, amount: eur(80), pin: PIN };
    const all = await Promise.all(
      Array.from({ length: 6 }, () => req("POST", "/wallet/transfers", a, body, "k-4")),
    );
    expect(all.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(await balance(a)).toBe(20);
    expect(await balance(b)).toBe(80);
  });

  it("top-ups honour it too; a refused call stores nothing (a retry runs again)", async () => {
    const a = await funded("ita", 0);
    const b = await funded("itb", 0);
    const t1 = await req("POST", "/wallet/topups", a, { amount: eur(50) }, "top-1");
    const t2 = await req("POST", "/wallet/topups", a, { amount: eur(50) }, "top-1");
    expect(t2.body.id).toBe(t1.body.id);
    expect(await balance(a)).toBe(50);
    const body = { toUserId: b.id, amount: eur(80), pin: PIN };
    expect((await req("POST", "/wallet/transfers", a, body, "tr-1")).status).toBe(422);
    await req("POST", "/wallet/topups", a, { amount: eur(50) });
    expect((await req("POST", "/wallet/transfers", a, body, "tr-1")).status).toBe(201);
    expect(await balance(a)).toBe(20);
    const long = await req("POST", "/wallet/topups", a, { amount: eur(1) }, "x".repeat(256));
    expect(long.status).toBe(400);
  });
});

describe("no negative balance under concurrency", () => {
  it("many concurrent transfers from one wallet never overdraw it", async () => {
    const a = await funded("race", 1_000);
    const payees = await Promise.all([funded("r1", 0), funded("r2", 0), funded("r3", 0)]);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        req("POST", "/wallet/transfers", a, { toUserId: payees[i % 3]?.id, amount: eur(70), pin: PIN }),
      ),
    );
    const ok = results.filter((r) => r.status === 201).length;
    expect(ok).toBe(14);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === "insufficient_funds")).toBe(
      true,
    );
    expect(await balance(a)).toBe(1_000 - 14 * 70);
  });
});

describe("withdrawals", () => {
  it("debit at once into clearing, then the sandbox settles them", async () => {
    const a = await funded("wd", 1_000);
    const r = await req("POST", "/wallet/withdrawals", a, { amount: eur(400), pin: PIN });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "withdrawal", status: "pending", balance: eur(600) });
    await (t.services.wallet.provider as SandboxFundingProvider).idle();
    const settled = await req("GET", `/wallet/fundings/${r.body.id}`, a);
    expect(settled.body).toMatchObject({ status: "completed", balance: eur(600) });
    expect(settled.body.settledAt).not.toBeNull();
  });

  it("a failed payout comes back to the wallet", async () => {
    const a = await funded("wdf", 100);
    const r = await req("POST", "/wallet/withdrawals", a, { amount: eur(13), pin: PIN });
    expect(r.body.balance).toEqual(eur(87));
    await (t.services.wallet.provider as SandboxFundingProvider).idle();
    expect((await req("GET", `/wallet/fundings/${r.body.id}`, a)).body.status).toBe("failed");
    expect(await balance(a)).toBe(100);
    const kinds = (await req("GET", "/wallet/transactions", a)).body.items.map(
      (i: { kind: string }) => i.kind,
    );
    expect(kinds.slice(0, 2)).toEqual(["withdrawal_reversal", "withdrawal"]);
  });

  it("are PIN-checked and covered by the balance", async () => {
    const a = await funded("wdp", 100);
    expect((await req("POST", "/wallet/withdrawals", a, { amount: eur(10), pin: "000000" })).status).toBe(
      422,
    );
    const over = await req("POST", "/wallet/withdrawals", a, { amount: eur(101), pin: PIN });
    expect(over.body.code).toBe("insufficient_funds");
    const other = await funded("wdo", 0);
    expect((await req("GET", `/wallet/fundings/${over.body.id ?? "x"}`, other)).status).toBe(404);
  });
});

describe("history", () => {
  it("filters by kind, direction and dates, pages by cursor, exports CSV", async () => {
    const a = await funded("hist", 1_000);
    const b = await funded("histb", 0);
    for (let i = 1; i <= 5; i++) {
      await req("POST", "/wallet/transfers", a, {
        toUserId: b.id,
        amount: eur(i),
        note: i === 1 ? '=cmd,"x"' : undefined,
        pin: PIN,
      });
    }
    await req("POST", "/wallet/transfers", b, { toUserId: a.id, amount: eur(2), pin: PIN });
    const all = await req("GET", "/wallet/transactions?limit=4", a);
    expect(all.body.items).toHaveLength(4);
    const rest = await req("GET", `/wallet/transactions?limit=3&cursor=${all.body.nextCursor}`, a);
    expect(rest.body.items).toHaveLength(3);
    expect(rest.body.nextCursor).toBeNull();
    const ids = [...all.body.items, ...rest.body.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(7);

    const out = await req("GET", "/wallet/transactions?direction=out", a);
    expect(out.body.items.map((i: { amount: { amount: number } }) => i.amount.amount)).toEqual([
      -5, -4, -3, -2, -1,
    ]);
    const incoming = await req("GET", "/wallet/transactions?direction=in&kind=transfer", a);
    expect(incoming.body.items).toHaveLength(1);
    const topups = await req("GET", "/wallet/transactions?kind=topup", a);
    expect(topups.body.items).toHaveLength(1);
    const future = await req("GET", "/wallet/transactions?from=2999-01-01", a);
    expect(future.body.items).toHaveLength(0);
    const past = await req("GET", "/wallet/transactions?to=2000-01-01T00:00:00Z", a);
    expect(past.body.items).toHaveLength(0);
    expect((await req("GET", "/wallet/transactions?direction=sideways", a)).status).toBe(400);
    expect((await req("GET", "/wallet/transactions?from=yesterday", a)).status).toBe(400);

    const csv = await req("GET", "/wallet/transactions.csv?direction=out", a);
    expect(csv.status).toBe(200);
    expect(String(csv.headers["content-type"])).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,createdAt,kind,amount,currency,balanceAfter,counterpartyHandle,counterpartyName,note,transferId",
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toContain(`"'=cmd,""x"""`);
    expect(lines[1]).toContain(",transfer,-5,EUR,");
  });
});

describe("events", () => {
  it("each balance change is a durable wallet.updated event", async () => {
    const a = await funded("eva", 100);
    const b = await funded("evb", 0);
    await req("POST", "/wallet/transfers", a, { toUserId: b.id, amount: eur(40), pin: PIN });
    const evA = await t.services.events.since(a.id, 0, 100);
    const evB = await t.services.events.since(b.id, 0, 100);
    const balances = (evs: { frame: string }[]) =>
      evs
        .map((e) => JSON.parse(e.frame))
        .filter((f) => f.type === "wallet.updated")
        .map((f) => f.balance.amount);
    expect(balances(evA)).toEqual([100, 60]);
    expect(balances(evB)).toEqual([40]);
  });
});

describe("rate limit", () => {
  it("allows 60 payments a minute per user by default, then 429 rate_limited with Retry-After", async () => {
    const limited = await startTestApp({ rateLimit: true });
    try {
      const reg = await limited.client.user("rl");
      const call = () =>
        limited.client.request("POST", "/wallet/topups", { token: reg.token, body: { amount: eur(1) } });
      for (let i = 0; i < 60; i++) expect((await call()).status).toBe(201);
      const over = await call();
      expect(over.status).toBe(429);
      expect(over.body.code).toBe("rate_limited");
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      // Another user is not affected.
      const other = await limited.client.user("rl2");
      expect(
        (
          await limited.client.request("POST", "/wallet/topups", {
            token: other.token,
            body: { amount: eur(1) },
          })
        ).status,
      ).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

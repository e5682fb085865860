import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { verifyLedger } from "./verify.ts";

/**
 * Property: whatever mix of red packets, claims, refunds and transfers runs concurrently, the
 * ledger sums to zero and recomputes, no wallet or escrow goes negative, and every closed packet
 * paid out exactly its total (claims plus refund), every open one at most that.
 */
let t: TestApp;
let users: TestUser[] = [];
/** Two groups: everyone (owned by 0), and 1, 2, 3 (owned by 1). */
let groups: { id: string; members: number[] }[] = [];
const eur = (amount: number) => ({ amount, currency: "EUR" });
const PIN = "123456";

beforeAll(async () => {
  t = await startTestApp();
  users = [];
  for (let i = 0; i < 6; i++) {
    const u = await t.client.user(`prop${i}`);
    await t.client.request("PUT", "/wallet/pin", { token: u.token, body: { pin: PIN } });
    await t.client.request("POST", "/wallet/topups", { token: u.token, body: { amount: eur(5_000) } });
    users.push(u);
  }
  const [u0, u1, u2, u3] = users as [TestUser, TestUser, TestUser, TestUser];
  for (const u of users.slice(1)) await t.client.befriend(u0, u);
  await t.client.befriend(u1, u2);
  await t.client.befriend(u1, u3);
  const all = await t.client.post(
    "/conversations",
    { type: "group", title: "All", memberIds: users.slice(1).map((u) => u.id) },
    u0.token,
  );
  const few = await t.client.post(
    "/conversations",
    { type: "group", title: "Few", memberIds: [u2.id, u3.id] },
    u1.token,
  );
  groups = [
    { id: all.body.id, members: [0, 1, 2, 3, 4, 5] },
    { id: few.body.id, members: [1, 2, 3] },
  ];
});
afterAll(() => t.close());

type Command =
  | { op: "send"; group: number; who: number; total: number; count: number; mode: "random" | "equal" }
  | { op: "claim"; who: number; packet: number }
  | { op: "refund"; hoursLater: number }
  | { op: "transfer"; from: number; to: number; amount: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("send" as const),
      group: fc.integer({ min: 0, max: 1 }),
      who: fc.nat(),
      total: fc.integer({ min: 1, max: 3_000 }),
      count: fc.integer({ min: 1, max: 6 }),
      mode: fc.constantFrom("random" as const, "equal" as const),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("claim" as const),
      who: fc.integer({ min: 0, max: 5 }),
      packet: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("refund" as const), hoursLater: fc.constantFrom(1, 23, 25) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("transfer" as const),
      from: fc.integer({ min: 0, max: 5 }),
      to: fc.integer({ min: 0, max: 5 }),
      amount: fc.integer({ min: 1, max: 2_000 }),
    }),
  },
);

/** Answers a money call may give under contention; anything else (a 5xx above all) fails the run. */
const EXPECTED_REFUSALS = new Set([
  "insufficient_funds",
  "already_claimed",
  "red_packet_empty",
  "red_packet_expired",
  "red_packet_too_small",
  "too_many_shares",
  "self_transfer",
]);

describe("red packets, claims, refunds and transfers at once", () => {
  it("keep the ledger balanced and every packet's payouts within (closed: equal to) its total", async () => {
    const packets: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(command, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        async (rounds) => {
          for (const round of rounds) {
            const outcomes = await Promise.all(round.map((c) => run(c, packets)));
            for (const o of outcomes) {
              if (o.status >= 500 || (o.status >= 400 && !EXPECTED_REFUSALS.has(o.code ?? ""))) {
                throw new Error(`unexpected answer ${o.status} ${o.code}`);
              }
            }
          }
          const report = await verifyLedger(t.database.db as never);
          expect(report.violations).toEqual([]);
          expect(report.total).toBe(0);
          await expectPacketsConsistent();
        },
      ),
      { numRuns: 12 },
    );
    expect(packets.length).toBeGreaterThan(0);
  });
});

async function run(c: Command, packets: string[]): Promise<{ status: number; code?: string }> {
  switch (c.op) {
    case "send": {
      const g = groups[c.group] as { id: string; members: number[] };
      const sender = users[g.members[c.who % g.members.length] as number] as TestUser;
      const res = await t.client.request("POST", "/red-packets", {
        token: sender.token,
        body: { conversationId: g.id, total: eur(c.total), count: c.count, mode: c.mode, pin: PIN },
      });
      if (res.status === 201) packets.push(res.body.id);
      return { status: res.status, code: res.body?.code };
    }
    case "claim": {
      if (packets.length === 0) return { status: 200 };
      // Mostly the newest packets, which are likelier to be open.
      const id = packets[packets.length - 1 - (c.packet % Math.min(packets.length, 4))] as string;
      const res = await t.client.request("POST", `/red-packets/${id}/claim`, {
        token: (users[c.who] as TestUser).token,
        body: {},
      });
      // Not a member of that packet's group: a 404 is the right answer there.
      if (res.status === 404) return { status: 200 };
      return { status: res.status, code: res.body?.code };
    }
    case "refund":
      await t.services.redPackets.refundExpired(new Date(Date.now() + c.hoursLater * 3600_000));
      return { status: 200 };
    case "transfer": {
      const res = await t.client.request("POST", "/wallet/transfers", {
        token: (users[c.from] as TestUser).token,
        body: { toUserId: (users[c.to] as TestUser).id, amount: eur(c.amount), pin: PIN },
      });
      return { status: res.status, code: res.body?.code };
    }
  }
}

async function expectPacketsConsistent() {
  const { rows } = await sql<{
    id: string;
    status: string;
    total: string;
    claimed_amount: string;
    claimed_count: number;
    count: number;
    refunded_amount: string | null;
    shares_claimed: string;
    shares_claimed_n: number;
    escrow: string;
  }>`
    select p.id, p.status, p.total::text, p.claimed_amount::text, p.claimed_count, p.count,
           p.refunded_amount::text,
           (select coalesce(sum(amount), 0) from red_packet_shares s where s.red_packet_id = p.id and s.claimed_by is not null)::text as shares_claimed,
           (select count(*) from red_packet_shares s where s.red_packet_id = p.id and s.claimed_by is not null)::int as shares_claimed_n,
           (select balance from ledger_accounts a where a.id = p.id)::text as escrow
    from red_packets p`.execute(t.database.db);
  for (const p of rows) {
    const total = Number(p.total);
    const claimed = Number(p.claimed_amount);
    const refunded = Number(p.refunded_amount ?? 0);
    expect(Number(p.shares_claimed), p.id).toBe(claimed);
    expect(p.shares_claimed_n).toBe(p.claimed_count);
    expect(claimed + refunded + Number(p.escrow)).toBe(total);
    if (p.status === "finished") expect(claimed).toBe(total);
    if (p.status !== "open") expect(Number(p.escrow)).toBe(0);
    expect(p.claimed_count).toBeLessThanOrEqual(p.count);
  }
  // And the whole total of all shares drawn at sending equals each packet's total.
  const { rows: draws } = await sql<{ id: string; total: string; drawn: string; n: number; count: number }>`
    select p.id, p.total::text, sum(s.amount)::text as drawn, count(*)::int as n, p.count
    from red_packets p join red_packet_shares s on s.red_packet_id = p.id group by p.id`.execute(
    t.database.db,
  );
  for (const d of draws) {
    expect(Number(d.drawn)).toBe(Number(d.total));
    expect(d.n).toBe(d.count);
  }
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { eur, PIN, walletClient } from "../../../test/wallet-client.ts";
import { TestSocket } from "../../../test/ws-client.ts";
import { verifyLedger } from "./verify.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { listen: true });
});
afterAll(async () => {
  const report = await verifyLedger(t.database.db as never);
  await t.close();
  expect(report.violations).toEqual([]);
});

const DAY_MS = 24 * 3600_000;

const { req, funded, balance } = walletClient(() => t);

/** A group of a funded sender and `n` members. */
async function group(n: number) {
  const sender = await funded("rps");
  const members: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const m = await funded(`rpm${i}`, 0);
    await t.client.befriend(sender, m);
    members.push(m);
  }
  const conv = await t.client.post(
    "/conversations",
    { type: "group", title: "Family", memberIds: members.map((m) => m.id) },
    sender.token,
  );
  expect(conv.status).toBe(201);
  return { sender, members, conversationId: conv.body.id as string };
}

async function direct() {
  const sender = await funded("rds");
  const other = await funded("rdo", 0);
  await t.client.befriend(sender, other);
  const conv = await t.client.post("/conversations", { type: "direct", userId: other.id }, sender.token);
  return { sender, other, conversationId: conv.body.id as string };
}

function send(
  u: TestUser,
  conversationId: string,
  total: number,
  count: number,
  mode: "random" | "equal",
  extra: { pin?: string; greeting?: string; key?: string } = {},
) {
  return req(
    "POST",
    "/red-packets",
    u,
    {
      conversationId,
      total: eur(total),
      count,
      mode,
      pin: extra.pin ?? PIN,
      ...(extra.greeting ? { greeting: extra.greeting } : {}),
    },
    extra.key,
  );
}

const claim = (u: TestUser, id: string) => req("POST", `/red-packets/${id}/claim`, u, {});
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("sending", () => {
  it("moves the total into escrow and posts a red_packet message in the same transaction", async () => {
    const { sender, members, conversationId } = await group(3);
    const sent = await send(sender, conversationId, 1_000, 3, "equal", { greeting: "Happy new year" });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      conversationId,
      sender: { id: sender.id },
      total: eur(1_000),
      count: 3,
      mode: "equal",
      greeting: "Happy new year",
      claimedCount: 0,
      claimedAmount: eur(0),
      claims: [],
      myClaim: null,
      canClaim: true,
      status: "open",
      refunded: null,
    });
    expect(Date.parse(sent.body.expiresAt) - Date.parse(sent.body.createdAt)).toBeGreaterThan(DAY_MS - 5_000);
    expect(await balance(sender)).toBe(9_000);

    const messages = await req("GET", `/conversations/${conversationId}/messages`, members[0] as TestUser);
    const card = messages.body.items.find((m: { kind: string }) => m.kind === "red_packet");
    expect(card).toMatchObject({
      id: sent.body.messageId,
      senderId: sender.id,
      payload: {
        redPacketId: sent.body.id,
        greeting: "Happy new year",
        mode: "equal",
        count: 3,
        total: eur(1_000),
      },
    });
    const history = await req("GET", "/wallet/transactions?kind=red_packet", sender);
    expect(history.body.items[0]).toMatchObject({ amount: eur(-1_000), redPacketId: sent.body.id });
  });

  it("refuses a wrong PIN, an uncovered total, too few units and too many shares; nothing moves", async () => {
    const { sender, members, conversationId } = await group(2);
    const wrong = await send(sender, conversationId, 100, 2, "random", { pin: "000000" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe("wrong_pin");
    const poor = await send(sender, conversationId, 10_001, 2, "random");
    expect(poor.status).toBe(422);
    expect(poor.body.code).toBe("insufficient_funds");
    const tiny = await send(sender, conversationId, 2, 3, "random");
    expect(tiny.status).toBe(422);
    expect(tiny.body.code).toBe("red_packet_too_small");
    const many = await send(sender, conversationId, 400, 4, "equal");
    expect(many.status).toBe(422);
    expect(many.body.code).toBe("too_many_shares");
    expect((await send(sender, conversationId, 0, 1, "equal")).status).toBe(400);
    expect(await balance(sender)).toBe(10_000);
    const messages = await req("GET", `/conversations/${conversationId}/messages`, members[0] as TestUser);
    expect(messages.body.items.some((m: { kind: string }) => m.kind === "red_packet")).toBe(false);
  });

  it("needs membership of the conversation (404), and honours Idempotency-Key", async () => {
    const { sender, conversationId } = await group(1);
    const stranger = await funded("rpx");
    expect((await send(stranger, conversationId, 100, 1, "equal")).status).toBe(404);
    const a = await send(sender, conversationId, 300, 1, "equal", { key: "rp-key-1" });
    const b = await send(sender, conversationId, 300, 1, "equal", { key: "rp-key-1" });
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await balance(sender)).toBe(9_700);
    const other = await send(sender, conversationId, 301, 1, "equal", { key: "rp-key-1" });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("idempotency_conflict");
  });
});

describe("claiming", () => {
  it("equal shares differ by at most one unit and sum exactly to the total; one claim each", async () => {
    const { sender, members, conversationId } = await group(3);
    const sent = (await send(sender, conversationId, 1_001, 3, "equal")).body;
    const amounts: number[] = [];
    for (const m of members) {
      const got = await claim(m, sent.id);
      expect(got.status).toBe(200);
      amounts.push(got.body.amount.amount);
      expect(got.body.redPacket.myClaim.amount).toEqual(got.body.amount);
      expect(await balance(m)).toBe(got.body.amount.amount);
    }
    expect(sum(amounts)).toBe(1_001);
    expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);

    const again = await claim(members[0] as TestUser, sent.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("already_claimed");
    const after = (await req("GET", `/red-packets/${sent.id}`, sender)).body;
    expect(after).toMatchObject({ status: "finished", claimedCount: 3, claimedAmount: eur(1_001) });
    expect(after.claims.map((c: { user: { id: string } }) => c.user.id)).toEqual(members.map((m) => m.id));
    // Nobody is "luckiest" in an equal split.
    expect(after.claims.every((c: { best?: boolean }) => c.best === undefined)).toBe(true);
  });

  it("random shares sum exactly to the total, the sender may claim in a group, and the luckiest is marked", async () => {
    const { sender, members, conversationId } = await group(3);
    const sent = (await send(sender, conversationId, 777, 4, "random")).body;
    const amounts: number[] = [];
    for (const u of [sender, ...members]) amounts.push((await claim(u, sent.id)).body.amount.amount);
    expect(sum(amounts)).toBe(777);
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(1);
    const done = (await req("GET", `/red-packets/${sent.id}`, members[1] as TestUser)).body;
    expect(done.status).toBe("finished");
    const best = done.claims.filter((c: { best?: boolean }) => c.best);
    expect(best).toHaveLength(1);
    expect(best[0].amount.amount).toBe(Math.max(...amounts));
  });

  it("answers red_packet_empty once every share is taken", async () => {
    const { sender, members, conversationId } = await group(3);
    const sent = (await send(sender, conversationId, 200, 2, "random")).body;
    expect((await claim(members[0] as TestUser, sent.id)).status).toBe(200);
    expect((await claim(members[1] as TestUser, sent.id)).status).toBe(200);
    const empty = await claim(members[2] as TestUser, sent.id);
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe("red_packet_empty");
    expect((await req("GET", `/red-packets/${sent.id}`, members[2] as TestUser)).body.canClaim).toBe(false);
  });

  it("hides the packet from non-members (404 to claim and to read)", async () => {
    const { sender, conversationId } = await group(1);
    const outsider = await funded("rpo", 0);
    const sent = (await send(sender, conversationId, 100, 1, "equal")).body;
    for (const res of [
      await claim(outsider, sent.id),
      await req("GET", `/red-packets/${sent.id}`, outsider),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("red_packet_not_found");
    }
    expect((await claim(outsider, "0190f0f0-0000-7000-8000-000000000000")).status).toBe(404);
  });

  it("in a direct chat: one share, only the other person claims it", async () => {
    const { sender, other, conversationId } = await direct();
    const two = await send(sender, conversationId, 100, 2, "equal");
    expect(two.status).toBe(422);
    expect(two.body.code).toBe("too_many_shares");
    const sent = (await send(sender, conversationId, 520, 1, "random")).body;
    expect(sent.canClaim).toBe(false);
    const own = await claim(sender, sent.id);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe("sender_cannot_claim");
    const got = await claim(other, sent.id);
    expect(got.status).toBe(200);
    expect(got.body.amount).toEqual(eur(520));
    expect(await balance(other)).toBe(520);

    expect((await req("POST", "/blocks", other, { userId: sender.id })).status).toBe(204);
    const blocked = await send(sender, conversationId, 100, 1, "equal");
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("blocked");
  });

  it("many members claiming at once: each share once, the sum exact, the rest empty", async () => {
    const { sender, members, conversationId } = await group(12);
    const sent = (await send(sender, conversationId, 5_000, 8, "random")).body;
    const results = await Promise.all(members.map((m) => claim(m, sent.id)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(8);
    expect(results.filter((r) => r.body.code === "red_packet_empty")).toHaveLength(4);
    expect(sum(ok.map((r) => r.body.amount.amount))).toBe(5_000);
  });

  it("tells the sender and the members about each claim, and the claimer's wallet", async () => {
    const { sender, members, conversationId } = await group(2);
    const [m0, m1] = members as [TestUser, TestUser];
    const senderSocket = await TestSocket.open(t.url, { token: sender.token });
    await senderSocket.sync(senderSocket.frames[0]?.lastEventSeq ?? 0);
    const m1Socket = await TestSocket.open(t.url, { token: m1.token });
    await m1Socket.sync(m1Socket.frames[0]?.lastEventSeq ?? 0);
    const m0Socket = await TestSocket.open(t.url, { token: m0.token });
    await m0Socket.sync(m0Socket.frames[0]?.lastEventSeq ?? 0);

    const sent = (await send(sender, conversationId, 600, 2, "equal")).body;
    const got = (await claim(m0, sent.id)).body;
    const expected = {
      type: "red_packet.claimed",
      redPacketId: sent.id,
      conversationId,
      userId: m0.id,
      amount: got.amount,
      claimedCount: 1,
      count: 2,
      status: "open",
    };
    for (const s of [senderSocket, m1Socket, m0Socket]) {
      expect(await s.next((f) => f.type === "red_packet.claimed")).toMatchObject(expected);
    }
    expect(await m0Socket.next((f) => f.type === "wallet.updated")).toMatchObject({ balance: eur(300) });
    await Promise.all([senderSocket.close(), m1Socket.close(), m0Socket.close()]);
  });
});

describe("expiry and refunds", () => {
  it("returns the unclaimed rest to the sender after 24 hours, once; later claims are refused", async () => {
    const { sender, members, conversationId } = await group(3);
    const sent = (await send(sender, conversationId, 900, 3, "equal")).body;
    const first = (await claim(members[0] as TestUser, sent.id)).body.amount.amount;
    expect(await balance(sender)).toBe(9_100);

    const svc = t.services.redPackets;
    expect(await svc.refundExpired(new Date(Date.now() + DAY_MS - 60_000))).toBe(0);
    const later = new Date(Date.now() + DAY_MS + 60_000);
    expect(await svc.refundExpired(later)).toBeGreaterThanOrEqual(1);
    expect(await svc.refundExpired(later)).toBe(0);
    expect(await balance(sender)).toBe(9_100 + 900 - first);

    const late = await claim(members[1] as TestUser, sent.id);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe("red_packet_expired");
    const view = (await req("GET", `/red-packets/${sent.id}`, sender)).body;
    expect(view).toMatchObject({ status: "expired", refunded: eur(900 - first), claimedCount: 1 });
    const refunds = await req("GET", "/wallet/transactions?kind=red_packet_refund", sender);
    expect(refunds.body.items[0]).toMatchObject({ amount: eur(900 - first), redPacketId: sent.id });
  });

  it("a claim past 24 hours is refused even before the sweeper ran; a finished packet is never refunded", async () => {
    const { sender, members, conversationId } = await group(2);
    const open = (await send(sender, conversationId, 100, 2, "equal")).body;
    const tooLate = await t.services.redPackets
      .claim((members[0] as TestUser).id, open.id, undefined, new Date(Date.now() + DAY_MS + 1_000))
      .catch((err: { code: string }) => err.code);
    expect(tooLate).toBe("red_packet_expired");

    const finished = (await send(sender, conversationId, 50, 1, "equal")).body;
    await claim(members[1] as TestUser, finished.id);
    const before = await balance(sender);
    await t.services.redPackets.refundExpired(new Date(Date.now() + 2 * DAY_MS));
    // The open packet came back (100), the finished one did not.
    expect(await balance(sender)).toBe(before + 100);
    expect((await req("GET", `/red-packets/${finished.id}`, sender)).body).toMatchObject({
      status: "finished",
      refunded: null,
    });
  });
});

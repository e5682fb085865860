import jsqrModule from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";
import { type Frame, TestSocket } from "../../../test/ws-client.ts";

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS: its default import is the module object under nodenext (see STACK.md).
const jsQR = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ publicUrl: "https://agora.test" }, { listen: true });
});
afterAll(() => t.close());

const PAST = new Date(Date.now() - 1000);

async function decode(svg: string): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 400 })
    .flatten({ background: "#fff" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

const resolve = (u: TestUser, url: string) => t.client.post("/qr/resolve", { url }, u.token);

async function group(owner: TestUser, others: TestUser[] = []) {
  for (const o of others) await t.client.befriend(owner, o);
  const res = await t.client.post(
    "/conversations",
    { type: "group", title: "Hike", memberIds: others.map((o) => o.id) },
    owner.token,
  );
  expect(res.status).toBe(201);
  return res.body;
}

describe("'add me' codes", () => {
  it("draws a scannable code of the public URL, the same each time, that resolves to me", async () => {
    const [me, other] = [await t.client.user("qme"), await t.client.user("qscan")];
    const first = await t.client.get("/qr/me", me.token);
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/^https:\/\/agora\.test\/q\/[A-Za-z0-9_-]{22}$/);
    expect(first.body.svg).toMatch(/^<svg[^>]*>/);
    expect(await decode(first.body.svg)).toBe(first.body.url);
    expect((await t.client.get("/qr/me", me.token)).body.url).toBe(first.body.url);

    const scanned = await resolve(other, first.body.url);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({
      kind: "user",
      user: { id: me.id, handle: me.handle, displayName: "qme", avatarUrl: null },
    });
  });

  it("resolves the same token under another host, and stops working once rotated", async () => {
    const [me, other] = [await t.client.user("qrot"), await t.client.user("qrot2")];
    const { url } = (await t.client.get("/qr/me", me.token)).body;
    const token = url.split("/q/")[1];
    expect((await resolve(other, `http://192.168.0.7:3000/q/${token}`)).body.kind).toBe("user");

    expect((await t.client.post("/qr/rotate", {}, me.token)).status).toBe(204);
    const gone = await resolve(other, url);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("qr_unknown");
    const fresh = (await t.client.get("/qr/me", me.token)).body.url;
    expect(fresh).not.toBe(url);
    expect((await resolve(other, fresh)).body.user.id).toBe(me.id);
  });

  it("hides a code across a block, both ways", async () => {
    const [a, b] = [await t.client.user("qblk"), await t.client.user("qblk2")];
    const aCode = (await t.client.get("/qr/me", a.token)).body.url;
    const bPay = (await t.client.get("/qr/receive", b.token)).body.url;
    expect((await t.client.post("/blocks", { userId: b.id }, a.token)).status).toBe(204);
    for (const [who, url] of [
      [b, aCode],
      [a, bPay],
    ] as const) {
      const res = await resolve(who, url);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("qr_unknown");
    }
  });
});

describe("'pay me' codes", () => {
  it("carries a fixed amount or none, one code per amount", async () => {
    const [payee, payer] = [await t.client.user("qpay"), await t.client.user("qpayer")];
    const open = await t.client.get("/qr/receive", payee.token);
    expect(open.status).toBe(200);
    expect(open.body.amount).toBeNull();
    const fixed = await t.client.get("/qr/receive?amount=1250", payee.token);
    expect(fixed.body.amount).toEqual({ amount: 1250, currency: "EUR" });
    expect(fixed.body.url).not.toBe(open.body.url);
    expect((await t.client.get("/qr/receive?amount=1250", payee.token)).body.url).toBe(fixed.body.url);
    expect(await decode(fixed.body.svg)).toBe(fixed.body.url);

    expect((await resolve(payer, fixed.body.url)).body).toMatchObject({
      kind: "pay",
      payee: { id: payee.id },
      amount: { amount: 1250, currency: "EUR" },
    });
    expect((await resolve(payer, open.body.url)).body).toMatchObject({ kind: "pay", amount: null });
    expect((await t.client.get("/qr/receive?amount=", payee.token)).body.url).toBe(open.body.url);
    expect((await t.client.get("/qr/receive?amount=0", payee.token)).status).toBe(400);
    expect((await t.client.get("/qr/receive?amount=1.5", payee.token)).status).toBe(400);
  });
});

describe("resolving", () => {
  it("answers 404 qr_unknown for unknown tokens and for URLs that are not codes", async () => {
    const u = await t.client.user("qunk");
    for (const url of [
      "https://agora.test/q/AAAAAAAAAAAAAAAAAAAAAA",
      "https://agora.test/chats",
      "not a url at all",
    ]) {
      const res = await resolve(u, url);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe("qr_unknown");
    }
  });

  it("needs a session", async () => {
    const res = await t.client.post("/qr/resolve", { url: "https://agora.test/q/AAAAAAAAAAAAAAAAAAAAAA" });
    expect(res.status).toBe(401);
    expect((await t.client.get("/qr/me")).status).toBe(401);
  });
});

describe("group invites", () => {
  it("lets any member share one, the same for a day, good for 7 days; not for direct chats or outsiders", async () => {
    const [owner, member, outsider] = [
      await t.client.user("qown"),
      await t.client.user("qmem"),
      await t.client.user("qout"),
    ];
    const g = await group(owner, [member]);
    const inv = await t.client.post(`/conversations/${g.id}/invite`, {}, owner.token);
    expect(inv.status).toBe(201);
    expect(inv.body.conversationId).toBe(g.id);
    const days = (Date.parse(inv.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(await decode(inv.body.svg)).toBe(inv.body.url);
    expect((await t.client.post(`/conversations/${g.id}/invite`, {}, owner.token)).body.url).toBe(
      inv.body.url,
    );
    const byMember = await t.client.post(`/conversations/${g.id}/invite`, {}, member.token);
    expect(byMember.status).toBe(201);
    expect(byMember.body.url).not.toBe(inv.body.url);

    expect((await t.client.post(`/conversations/${g.id}/invite`, {}, outsider.token)).status).toBe(404);
    const direct = (await t.client.post("/conversations", { type: "direct", userId: member.id }, owner.token))
      .body;
    const notGroup = await t.client.post(`/conversations/${direct.id}/invite`, {}, owner.token);
    expect(notGroup.status).toBe(422);
    expect(notGroup.body.code).toBe("not_a_group");
  });

  it("previews the group, joins with a system line and events, and is calm about joining twice", async () => {
    const [owner, member, joiner] = [
      await t.client.user("qjo"),
      await t.client.user("qjm"),
      await t.client.user("qjj"),
    ];
    const g = await group(owner, [member]);
    const { url } = (await t.client.post(`/conversations/${g.id}/invite`, {}, member.token)).body;

    const preview = await resolve(joiner, url);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      kind: "group",
      group: {
        id: g.id,
        title: "Hike",
        memberCount: 2,
        alreadyMember: false,
        invitedBy: { id: member.id },
      },
    });
    expect(preview.body.group.members.map((m: { id: string }) => m.id)).toEqual([owner.id, member.id]);

    const ownerSocket = await TestSocket.open(t.url, { token: owner.token });
    await ownerSocket.sync(ownerSocket.frames[0]?.lastEventSeq ?? 0);
    const joined = await t.client.post("/qr/join", { url }, joiner.token);
    expect(joined.status).toBe(201);
    expect(joined.body.id).toBe(g.id);
    expect(joined.body.members.map((m: { id: string }) => m.id)).toContain(joiner.id);

    const line = await ownerSocket.next((f) => f.type === "message.new" && f.message.kind === "system");
    expect(line.message).toMatchObject({
      senderId: joiner.id,
      payload: { event: "member.joined", userIds: [joiner.id], inviterId: member.id, via: "qr" },
    });
    const updated = await ownerSocket.next((f) => f.type === "conversation.updated");
    expect(updated.memberIds).toHaveLength(3);
    await ownerSocket.close();

    // The joiner sees the group from the moment they joined: the join line, nothing before.
    const seen = await t.client.get(`/conversations/${g.id}/messages`, joiner.token);
    expect(seen.body.items.map((m: { payload: { event?: string } }) => m.payload?.event)).toEqual([
      "member.joined",
    ]);

    const again = await t.client.post("/qr/join", { url }, joiner.token);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(g.id);
    expect((await t.client.get(`/conversations/${g.id}/messages`, joiner.token)).body.items).toHaveLength(1);
    expect((await resolve(joiner, url)).body.group.alreadyMember).toBe(true);
  });

  it("stops working once expired, or once its sharer left the group", async () => {
    const [owner, member, late] = [
      await t.client.user("qeo"),
      await t.client.user("qem"),
      await t.client.user("qel"),
    ];
    const g = await group(owner, [member]);
    const ownerInvite = (await t.client.post(`/conversations/${g.id}/invite`, {}, owner.token)).body.url;
    const memberInvite = (await t.client.post(`/conversations/${g.id}/invite`, {}, member.token)).body.url;

    await t.database.db
      .updateTable("qr_codes")
      .set({ expires_at: PAST })
      .where("token", "=", ownerInvite.split("/q/")[1])
      .execute();
    for (const res of [
      await resolve(late, ownerInvite),
      await t.client.post("/qr/join", { url: ownerInvite }, late.token),
    ]) {
      expect(res.status).toBe(410);
      expect(res.body.code).toBe("qr_expired");
    }
    // A new invite replaces an expired one.
    const renewed = (await t.client.post(`/conversations/${g.id}/invite`, {}, owner.token)).body.url;
    expect(renewed).not.toBe(ownerInvite);

    expect((await t.client.delete(`/conversations/${g.id}/members/${member.id}`, member.token)).status).toBe(
      204,
    );
    const left = await t.client.post("/qr/join", { url: memberInvite }, late.token);
    expect(left.status).toBe(410);
    expect(left.body.code).toBe("qr_expired");
    expect((await resolve(late, memberInvite)).status).toBe(410);
  });

  it("refuses to join with a code that is not an invite", async () => {
    const [a, b] = [await t.client.user("qwk"), await t.client.user("qwk2")];
    const { url } = (await t.client.get("/qr/me", a.token)).body;
    const res = await t.client.post("/qr/join", { url }, b.token);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("qr_wrong_kind");
    expect(
      (await t.client.post("/qr/join", { url: "https://agora.test/q/AAAAAAAAAAAAAAAAAAAAAA" }, b.token))
        .status,
    ).toBe(404);
  });
});

/** The browser's socket, opened on the login's private handle. */
async function waitingSocket(base: string, id: string): Promise<TestSocket & { statuses: () => string[] }> {
  const socket = await TestSocket.openPath(base, `/api/v1/auth/qr-login/${id}/ws`);
  return Object.assign(socket, {
    statuses: () => socket.frames.map((f: Frame) => f.status as string),
  });
}

describe("web login by QR", () => {
  it("signs the browser in once the phone approves: socket frames, one token, the cookie", async () => {
    const phone = await t.client.user("qphone");
    const start = await t.client.request("POST", "/auth/qr-login", { headers: { "user-agent": "Firefox" } });
    expect(start.status).toBe(201);
    const { id, url, svg, expiresAt } = start.body;
    expect(url).toMatch(/^https:\/\/agora\.test\/q\/[A-Za-z0-9_-]{22}$/);
    expect(url).not.toContain(id);
    expect(id.length).toBeGreaterThanOrEqual(43);
    expect(await decode(svg)).toBe(url);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(1.9);
    expect(minutes).toBeLessThanOrEqual(2);

    const browser = await waitingSocket(t.url, id);
    await browser.next((f) => f.status === "pending");
    expect((await t.client.get(`/auth/qr-login/${id}`)).body.status).toBe("pending");

    const scanned = await resolve(phone, url);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ kind: "login", device: "Firefox" });
    const { code } = scanned.body;
    await browser.next((f) => f.status === "scanned");

    // The code in the picture collects nothing; the handle approves nothing.
    expect((await t.client.get(`/auth/qr-login/${code}`)).status).toBe(404);
    expect((await t.client.post(`/auth/qr-login/${id}/approve`, {}, phone.token)).status).toBe(404);
    expect((await t.client.post(`/auth/qr-login/${code}/approve`, {})).status).toBe(401);

    expect((await t.client.post(`/auth/qr-login/${code}/approve`, {}, phone.token)).status).toBe(204);
    await browser.next((f) => f.status === "approved");
    await expect.poll(() => browser.closed?.code).toBe(1000);
    expect(browser.statuses()).toEqual(["pending", "scanned", "approved"]);

    const collected = await t.client.get(`/auth/qr-login/${id}`);
    expect(collected.status).toBe(200);
    expect(collected.body).toMatchObject({ status: "approved", user: { id: phone.id } });
    const token = collected.body.token as string;
    expect(String(collected.headers["set-cookie"])).toContain(`agora_session=${token}`);
    expect(String(collected.headers["set-cookie"])).toMatch(/HttpOnly/i);
    expect((await t.client.get("/me", token)).body.id).toBe(phone.id);

    const second = await t.client.get(`/auth/qr-login/${id}`);
    expect(second.body).toEqual({ status: "consumed", expiresAt: second.body.expiresAt });
    expect(second.headers["set-cookie"]).toBeUndefined();

    const twice = await t.client.post(`/auth/qr-login/${code}/approve`, {}, phone.token);
    expect(twice.status).toBe(410);
    expect(twice.body.code).toBe("qr_expired");
    expect((await resolve(phone, url)).status).toBe(410);
    // Its socket is over too: a new one hears the final state and closes.
    const late = await waitingSocket(t.url, id);
    await late.next((f) => f.status === "consumed");
    await expect.poll(() => late.closed?.code).toBe(1000);
  });

  it("hands the token out once even to racing collectors", async () => {
    const phone = await t.client.user("qrace");
    const { id, url } = (await t.client.post("/auth/qr-login")).body;
    const { code } = (await resolve(phone, url)).body;
    await t.client.post(`/auth/qr-login/${code}/approve`, {}, phone.token);
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.client.get(`/auth/qr-login/${id}`)));
    expect(answers.filter((a) => a.body.token).length).toBe(1);
    expect(answers.filter((a) => a.body.status === "consumed").length).toBe(4);
  });

  it("tells the browser when the phone says no", async () => {
    const phone = await t.client.user("qno");
    const { id, url } = (await t.client.post("/auth/qr-login")).body;
    const browser = await waitingSocket(t.url, id);
    const { code } = (await resolve(phone, url)).body;
    expect((await t.client.post(`/auth/qr-login/${code}/cancel`, {}, phone.token)).status).toBe(204);
    await browser.next((f) => f.status === "cancelled");
    await expect.poll(() => browser.closed?.code).toBe(1000);
    expect((await t.client.get(`/auth/qr-login/${id}`)).body.status).toBe("cancelled");
    expect((await t.client.post(`/auth/qr-login/${code}/approve`, {}, phone.token)).status).toBe(410);
  });

  it("expires after 2 minutes: nothing can be approved or collected, the socket says so", async () => {
    const phone = await t.client.user("qexp");
    const { id, url } = (await t.client.post("/auth/qr-login")).body;
    const code = url.split("/q/")[1];
    await t.database.db.updateTable("qr_logins").set({ expires_at: PAST }).where("code", "=", code).execute();

    expect((await t.client.get(`/auth/qr-login/${id}`)).body.status).toBe("expired");
    const scan = await resolve(phone, url);
    expect(scan.status).toBe(410);
    expect(scan.body.code).toBe("qr_expired");
    expect((await t.client.post(`/auth/qr-login/${code}/approve`, {}, phone.token)).status).toBe(410);
    const browser = await waitingSocket(t.url, id);
    await browser.next((f) => f.status === "expired");
    await expect.poll(() => browser.closed?.code).toBe(1000);
  });

  it("refuses a socket for an unknown handle", async () => {
    await expect(TestSocket.openPath(t.url, `/api/v1/auth/qr-login/${"x".repeat(43)}/ws`)).rejects.toThrow(
      /404/,
    );
    expect((await t.client.get(`/auth/qr-login/${"x".repeat(43)}`)).status).toBe(404);
  });
});

describe("QR login rate limit", () => {
  it("limits how many logins one address starts", async () => {
    const limited = await startTestApp({ rateLimit: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await limited.client.post("/auth/qr-login")).status);
      expect(statuses.every((s) => s === 201)).toBe(true);
      const last = await limited.client.post("/auth/qr-login");
      expect(last.status).toBe(429);
      expect(last.body.code).toBe("rate_limited");
      expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

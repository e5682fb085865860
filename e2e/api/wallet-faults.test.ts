import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../apps/server/test/fresh-database.ts";
import { BootedServer, ROOT } from "./boot.ts";

/**
 * Money survives `kill -9` at any instant: after a burst of transfers is cut by SIGKILL and the
 * server restarts, every acknowledged transfer is there, retries with the same Idempotency-Key
 * move money once, and `npm run ledger:verify` finds the ledger balanced with nothing half-written.
 */
let dropDatabase: () => Promise<void> = async () => {};
let databaseUrl = "";
let server: BootedServer;
beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const db = await freshDatabase();
    databaseUrl = db.url;
    dropDatabase = db.drop;
  }
  server = new BootedServer({ DEMO_DATA: "off", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  await server.start();
});
afterAll(async () => {
  await server.dispose();
  await dropDatabase();
});

const PIN = "246810";
const eur = (amount: number) => ({ amount, currency: "EUR" });

async function register(handle: string) {
  const res = await server.call("POST", "/auth/register", {
    body: { handle, displayName: handle, password: "long enough" },
  });
  expect(res.status).toBe(201);
  const u = { id: res.body.user.id as string, token: res.body.token as string };
  expect((await server.call("PUT", "/wallet/pin", { token: u.token, body: { pin: PIN } })).status).toBe(204);
  expect(
    (await server.call("POST", "/wallet/topups", { token: u.token, body: { amount: eur(100_000) } })).status,
  ).toBe(201);
  return u;
}

function ledgerVerify() {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/ledger-verify.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
}

describe("a server killed during a burst of transfers", () => {
  it("keeps every acknowledged transfer, moves money once per key, and verifies balanced", async () => {
    const users = await Promise.all([0, 1, 2, 3].map((i) => register(`wf_user_${i}`)));
    type Sent = {
      from: number;
      body: { toUserId: string; amount: { amount: number; currency: string }; pin: string };
    };
    const sent = new Map<string, Sent>(); // Idempotency-Key → what was sent
    const acknowledged = new Map<string, string>(); // Idempotency-Key → transfer id
    let stop = false;
    const payer = async (from: number) => {
      for (let i = 0; !stop; i++) {
        const key = `wf-${from}-${i}`;
        const to = (from + 1 + (i % 3)) % users.length;
        const s: Sent = {
          from,
          body: { toUserId: users[to]?.id as string, amount: eur(1 + (i % 50)), pin: PIN },
        };
        sent.set(key, s);
        try {
          const res = await server.call("POST", "/wallet/transfers", {
            token: users[from]?.token as string,
            body: s.body,
            headers: { "idempotency-key": key },
          });
          if (res.status === 201) acknowledged.set(key, res.body.id);
          else throw new Error(`transfer answered ${res.status}`);
        } catch {
          return; // the server died under us: unacknowledged
        }
      }
    };
    const payers = users.map((_, i) => payer(i));
    while (acknowledged.size < 80) await new Promise((r) => setTimeout(r, 5));
    await server.stop("SIGKILL");
    stop = true;
    await Promise.all(payers);
    const ackedBeforeKill = new Map(acknowledged);

    await server.start();
    // Every acknowledged transfer is there, for both sides.
    for (const [key, id] of ackedBeforeKill) {
      const r = await server.call("GET", `/wallet/transfers/${id}`, {
        token: users[sent.get(key)?.from ?? 0]?.token as string,
      });
      expect(r.status, `acknowledged ${key}`).toBe(200);
    }
    // A client retries what it never saw acknowledged (same key, same body): each moves money once.
    for (const [key, s] of sent) {
      const res = await server.call("POST", "/wallet/transfers", {
        token: users[s.from]?.token as string,
        body: s.body,
        headers: { "idempotency-key": key },
      });
      expect(res.status, key).toBe(201);
      if (acknowledged.has(key)) expect(res.body.id).toBe(acknowledged.get(key));
      acknowledged.set(key, res.body.id);
    }
    // Money in wallets is exactly what was topped up, each transfer counted once.
    const moved = new Map<number, number>();
    for (const [key, s] of sent) {
      const to = users.findIndex((u) => u.id === s.body.toUserId);
      moved.set(s.from, (moved.get(s.from) ?? 0) - s.body.amount.amount);
      moved.set(to, (moved.get(to) ?? 0) + s.body.amount.amount);
      expect(acknowledged.has(key)).toBe(true);
    }
    for (const [i, u] of users.entries()) {
      const w = await server.call("GET", "/wallet", { token: u.token });
      expect(w.body.balance.amount, `user ${i}`).toBe(100_000 + (moved.get(i) ?? 0));
    }

    await server.stop("SIGTERM");
    const verify = ledgerVerify();
    expect(verify.stdout, verify.stderr).toContain("OK: balanced");
    expect(verify.status).toBe(0);
  }, 120_000);
});

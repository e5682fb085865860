/**
 * Payments benchmark: starts the server as its own process (PGlite, or PostgreSQL when
 * DATABASE_URL is set), creates many funded wallets, and sends concurrent transfers through the
 * HTTP API (PIN-checked, each with its own Idempotency-Key): transfers/s and latency, spread
 * over all wallets and then all into one hot wallet. On PostgreSQL it also runs `pgbench` on the
 * same database with a plain-SQL double-entry transfer (ordered row locks, debit with balance
 * check, credit, two journal rows, one transaction) and prints our rate as a share of it. The
 * ledger is verified at the end (balanced, nothing negative, every balance = its postings).
 *
 *   node --import tsx bench/payments.ts [--wallets=10000] [--transfers=20000] [--concurrency=32] [--quick]
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "../apps/server/src/app.ts";
import { hashPassword } from "../apps/server/src/modules/identity/password.ts";
import { FUNDING, userAccount } from "../apps/server/src/modules/wallet/ledger.ts";
import { formatReport, verifyLedger } from "../apps/server/src/modules/wallet/verify.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { openDatabase } from "../apps/server/src/platform/db.ts";
import { freshDatabase } from "../apps/server/test/fresh-database.ts";
import { httpClient } from "./http-client.ts";
import {
  childrenCpuMs,
  cpuMs,
  databaseCpuMeter,
  fmt,
  ownCpuMs,
  percentile,
  pool,
  settle,
  startServer,
} from "./support.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"] as const;
  }),
);
const QUICK = args.has("quick");
const WALLETS = Number(args.get("wallets") ?? (QUICK ? 1_000 : 10_000));
const TRANSFERS = Number(args.get("transfers") ?? (QUICK ? 3_000 : 20_000));
const CONCURRENCY = Number(args.get("concurrency") ?? 32);
const PGBENCH_SECONDS = QUICK ? 5 : 15;
const PIN = "135790";
const START_BALANCE = 100_000_000;

interface Wallet {
  id: string;
  token: string;
}

/** Users through the identity service; PINs and a starting balance in bulk (one ledger entry). */
async function seed(databaseUrl: string | undefined, dataDir: string): Promise<Wallet[]> {
  const { app, services, database } = await build(
    testConfig({ databaseUrl: databaseUrl ?? undefined, dataDir, scryptCost: 1 << 10 }),
  );
  const meta = { ip: "bench", userAgent: "bench" };
  const wallets: Wallet[] = new Array(WALLETS);
  const tag = Math.random().toString(36).slice(2, 6);
  await pool(
    Array.from({ length: WALLETS }, (_, i) => i),
    8,
    async (i) => {
      const r = await services.identity.register(
        { handle: `pay${i}_${tag}`, displayName: `Payer ${i}`, password: "bench-password" },
        meta,
      );
      wallets[i] = { id: r.user.id, token: r.token };
    },
  );
  const pinHash = await hashPassword(PIN, 1 << 10);
  for (let i = 0; i < wallets.length; i += 2_000) {
    await database.db
      .insertInto("wallet_pins")
      .values(wallets.slice(i, i + 2_000).map((w) => ({ user_id: w.id, pin_hash: pinHash })))
      .execute();
  }
  for (let i = 0; i < wallets.length; i += 2_000) {
    const chunk = wallets.slice(i, i + 2_000);
    await services.wallet.moneyMutation({ userId: "", scope: "bench.seed" }, async (_tx, ledger) =>
      ledger.post({
        kind: "topup",
        note: "benchmark seed",
        postings: [
          { account: FUNDING, amount: -START_BALANCE * chunk.length },
          ...chunk.map((w) => ({ account: userAccount(w.id), amount: START_BALANCE })),
        ],
      }),
    );
  }
  await app.close();
  return wallets;
}

interface Run {
  name: string;
  ok: number;
  refused: number;
  seconds: number;
  latencies: number[];
  serverCpuMs: number;
  clientCpuMs: number;
  /** Local PostgreSQL processes' CPU time (0 on PGlite, which runs inside the server). */
  databaseCpuMs: number;
}

async function drive(
  url: string,
  pid: number,
  name: string,
  count: number,
  pick: (i: number) => [Wallet, Wallet],
): Promise<Run> {
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  const tag = Math.random().toString(36).slice(2, 8);
  const http = httpClient(url, CONCURRENCY);
  const cpu0 = cpuMs(pid);
  const client0 = ownCpuMs();
  const dbCpu = process.env.DATABASE_URL ? databaseCpuMeter() : null;
  const t0 = performance.now();
  await pool(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const [from, to] = pick(i);
      const started = performance.now();
      const res = await http.send(
        "POST",
        "/api/v1/wallet/transfers",
        {
          authorization: `Bearer ${from.token}`,
          "content-type": "application/json",
          "idempotency-key": `${tag}-${i}`,
        },
        JSON.stringify({
          toUserId: to.id,
          amount: { amount: 1 + (i % 100), currency: "EUR" },
          pin: PIN,
        }),
      );
      latencies.push(performance.now() - started);
      if (res.status === 201) ok++;
      else if (res.status === 422 || res.status === 409) refused++;
      else throw new Error(`transfer answered ${res.status}`);
    },
  );
  http.close();
  return {
    name,
    ok,
    refused,
    seconds: (performance.now() - t0) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    serverCpuMs: cpuMs(pid) - cpu0,
    clientCpuMs: ownCpuMs() - client0,
    databaseCpuMs: dbCpu?.stop() ?? 0,
  };
}

function report(r: Run) {
  console.log(
    `  ${r.name.padEnd(40)} ${fmt(r.ok, 0).padStart(7)} transfers  ${fmt(r.ok / r.seconds, 0).padStart(6)} transfers/s  ` +
      `p50 ${fmt(percentile(r.latencies, 50), 2)} ms  p99 ${fmt(percentile(r.latencies, 99), 2)} ms  ` +
      `CPU ms/transfer: server ${fmt(r.serverCpuMs / Math.max(1, r.ok), 2)}` +
      (r.databaseCpuMs ? `, database ${fmt(r.databaseCpuMs / Math.max(1, r.ok), 2)}` : "") +
      `, load generator ${fmt(r.clientCpuMs / Math.max(1, r.ok), 2)}` +
      (r.refused ? `  (${r.refused} refused)` : ""),
  );
}

/** pgbench with a plain-SQL double-entry transfer on its own tables in the same database. */
async function runPgbench(databaseUrl: string): Promise<number | null> {
  const bin = ["pgbench", "/usr/lib/postgresql/15/bin/pgbench"].find(
    (b) => spawnSync(b, ["--version"], { encoding: "utf8" }).status === 0,
  );
  if (!bin) {
    console.log("  pgbench not found: no reference figure");
    return null;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "agora-pgbench-"));
  const script = path.join(dir, "transfer.sql");
  writeFileSync(
    script,
    `\\set a random(1, ${WALLETS})
\\set k random(1, ${WALLETS - 1})
\\set b ((:a - 1 + :k) % ${WALLETS}) + 1
\\set amt random(1, 100)
BEGIN;
SELECT id FROM pgb_accounts WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;
UPDATE pgb_accounts SET balance = balance - :amt WHERE id = :a AND balance >= :amt;
UPDATE pgb_accounts SET balance = balance + :amt WHERE id = :b;
INSERT INTO pgb_journal (account_id, amount) VALUES (:a, -:amt), (:b, :amt);
COMMIT;
`,
  );
  const dbCpu = databaseCpuMeter();
  const client0 = childrenCpuMs();
  const r = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
    execFile(
      bin,
      ["-n", "-c", String(CONCURRENCY), "-j", "2", "-T", String(PGBENCH_SECONDS), "-f", script, databaseUrl],
      (_err, stdout, stderr) => resolve({ stdout, stderr }),
    ),
  );
  const dbCpuMs = dbCpu.stop();
  rmSync(dir, { recursive: true, force: true });
  const tps = /tps = ([\d.]+)/.exec(r.stdout)?.[1];
  if (!tps) {
    console.log(`  pgbench failed: ${r.stderr.trim().split("\n").slice(-3).join(" / ")}`);
    return null;
  }
  const lat = /latency average = ([\d.]+) ms/.exec(r.stdout)?.[1];
  const count = Number(/number of transactions actually processed: (\d+)/.exec(r.stdout)?.[1] ?? 1);
  const cpu = `CPU ms/transfer: database ${fmt(dbCpuMs / count, 2)}, pgbench ${fmt((childrenCpuMs() - client0) / count, 2)}`;
  console.log(
    `  ${"pgbench: plain SQL double-entry transfer".padEnd(40)} ${fmt(Number(tps), 0).padStart(22)} transfers/s  ` +
      `avg latency ${lat} ms (${CONCURRENCY} clients, ${PGBENCH_SECONDS} s)  ${cpu}`,
  );
  return Number(tps);
}

function pgbenchTables(databaseUrl: string) {
  const r = spawnSync(
    "psql",
    [
      databaseUrl,
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      `create table pgb_accounts (id int primary key, balance bigint not null check (balance >= 0));
       create table pgb_journal (id bigserial primary key, account_id int not null, amount bigint not null,
                                 created_at timestamptz not null default now());
       insert into pgb_accounts select g, ${START_BALANCE} from generate_series(1, ${WALLETS}) g;
`,
      "-c",
      "vacuum analyze pgb_accounts",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`pgbench tables: ${r.stderr}`);
}

async function main() {
  const backend = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agora-bench-"));
  const db = process.env.DATABASE_URL ? await freshDatabase() : null;
  console.log(
    `\nPayments benchmark on ${backend}: ${fmt(WALLETS, 0)} wallets, HTTP transfers with PIN and Idempotency-Key, ` +
      `${CONCURRENCY} in flight (server in its own process, ${os.cpus().length} cores)`,
  );
  const t = performance.now();
  const wallets = await seed(db?.url, dataDir);
  console.log(`  seeded ${fmt(WALLETS, 0)} funded wallets in ${fmt((performance.now() - t) / 1000)} s`);

  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: db?.url ?? "" });
  const pid = server.proc.pid as number;
  let spread: Run | undefined;
  try {
    const rnd = (n: number) => Math.floor(Math.random() * n);
    const other = (a: number) => (a + 1 + rnd(WALLETS - 1)) % WALLETS;
    // Warm-up: each payer's first PIN check pays scrypt once; then the process remembers it.
    await drive(server.url, pid, "warm-up", Math.min(WALLETS, 2_000), (i) => [
      wallets[i % WALLETS] as Wallet,
      wallets[other(i % WALLETS)] as Wallet,
    ]);
    settle(db?.url);
    spread = await drive(server.url, pid, `spread over ${fmt(WALLETS, 0)} wallets`, TRANSFERS, () => {
      const a = rnd(Math.min(WALLETS, 2_000));
      return [wallets[a] as Wallet, wallets[other(a)] as Wallet];
    });
    report(spread);
    const hot = wallets[0] as Wallet;
    settle(db?.url);
    const hotRun = await drive(
      server.url,
      pid,
      "hot account: every transfer to one wallet",
      Math.floor(TRANSFERS / 2),
      () => [wallets[1 + rnd(Math.min(WALLETS, 2_000) - 1)] as Wallet, hot],
    );
    report(hotRun);
  } finally {
    await server.stop();
  }

  if (db && spread) {
    pgbenchTables(db.url);
    settle(db.url);
    const tps = await runPgbench(db.url);
    if (tps) {
      const ratio = spread.ok / spread.seconds / tps;
      console.log(
        `  our HTTP transfers reach ${fmt(100 * ratio, 0)}% of pgbench's plain-SQL rate (goal ≥ 75%)`,
      );
    }
  }

  const database = await openDatabase(testConfig({ databaseUrl: db?.url ?? undefined, dataDir }));
  try {
    const report = await verifyLedger(database.db as never);
    console.log(formatReport(report).replace(/^/gm, "  "));
    if (report.violations.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { messages, PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteDialect } from "./pglite-dialect.ts";
import { PGliteWorker } from "./pglite-worker.ts";

const SCHEMA = `
  create table parent (id int primary key);
  create table sample (
    id int primary key,
    parent_id int references parent (id),
    label text unique,
    amount int8 check (amount >= 0),
    born date, seen timestamptz, local timestamp, bytes bytea, doc jsonb, raw json,
    tags text[], nums int8[], ratio float8, price numeric(12, 2), flag bool, gap interval, uid uuid
  );
  create function fail_with(code text) returns void language plpgsql as $$
  begin
    raise exception using errcode = code, message = 'raised ' || code,
      detail = 'a detail', hint = 'a hint', constraint = 'some_constraint';
  end $$;
`;

/**
 * The same statements on an in-process PGlite (in memory) and on the worker (on disk, as
 * `npm start` runs it), to compare what comes back.
 */
let local: PGlite;
let worker: PGliteWorker;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "agora-pglite-"));
  local = new PGlite();
  worker = new PGliteWorker(dir);
  await Promise.all([local.waitReady, worker.waitReady]);
  await local.exec(SCHEMA);
  for (const statement of SCHEMA.split(/;\n(?=\s*create)/)) await worker.query(statement);
});
afterAll(async () => {
  await local.close();
  await worker.close();
  rmSync(dir, { recursive: true, force: true });
});

async function both<R>(query: string, params: unknown[] = []) {
  const [a, b] = await Promise.all([local.query<R>(query, params), worker.query<R>(query, params)]);
  return { local: { rows: a.rows, affectedRows: a.affectedRows }, worker: b };
}

async function bothFail(query: string, params: unknown[] = []) {
  const [a, b] = await Promise.allSettled([local.query(query, params), worker.query(query, params)]);
  if (a.status !== "rejected" || b.status !== "rejected") throw new Error(`${query} did not fail`);
  return { local: a.reason as Error, worker: b.reason as Error };
}

/** Every own field of an error, plus its name and message (stacks differ by thread, of course). */
function fieldsOf(err: Error) {
  return { ...Object.fromEntries(Object.entries(err)), name: err.name, message: err.message };
}

describe("PGlite in a worker thread", () => {
  it("returns the values an in-process PGlite returns, of the same types", async () => {
    const params = [
      1,
      new Date("2026-01-02T03:04:05.678Z"),
      Buffer.from([0, 1, 2, 255]),
      JSON.stringify({ a: [1, "two", null], b: { c: true } }),
      JSON.stringify([{ raw: "json" }]),
      9_007_199_254_740_993n,
    ];
    const written = await both(
      `insert into sample (id, label, amount, born, seen, local, bytes, doc, raw, tags, nums, ratio, price, flag, gap, uid)
       values ($1, 'one', 42, '2026-01-02', $2, '2026-01-02 03:04:05', $3, $4, $5, '{a,"b c",NULL}',
               array[1, $6::int8], 0.5, 12.34, true, '1 day 2 hours', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')`,
      params,
    );
    expect(written.worker).toStrictEqual(written.local);
    expect(written.worker.affectedRows).toBe(1);

    const read = await both<Record<string, unknown>>(
      `select *, amount::int8 as small_int8, $1::int8 as big_int8, null::text as nothing,
              'NaN'::float8 as nan, '-Infinity'::float8 as minus_infinity, now() - now() as zero_gap
       from sample`,
      [9_007_199_254_740_993n],
    );
    expect(read.worker).toStrictEqual(read.local);
    const row = read.worker.rows[0] ?? {};
    // What the app relies on, spelled out (toStrictEqual above also compares the classes).
    expect(row.seen).toBeInstanceOf(Date);
    expect(row.born).toBeInstanceOf(Date);
    expect(row.amount).toBe(42);
    expect(row.big_int8).toBe(9_007_199_254_740_993n);
    expect(row.bytes).toBeInstanceOf(Uint8Array);
    expect(Object.getPrototypeOf(row.bytes)).toBe(Uint8Array.prototype);
    expect(row.doc).toEqual({ a: [1, "two", null], b: { c: true } });
    expect(row.nums).toEqual([1, 9_007_199_254_740_993n]);
    expect(row.price).toBe("12.34");

    const updated = await both("update sample set flag = false where id = $1", [1]);
    expect(updated.worker).toStrictEqual(updated.local);
    expect(updated.worker.affectedRows).toBe(1);
  });

  it("rejects with PGlite's errors, every field intact", async () => {
    const cases = [
      ["insert into sample (id) values (1)"], // 23505 on the primary key
      ["insert into sample (id, label) values (2, 'one')"], // 23505 on the unique label
      ["insert into sample (id, parent_id) values (3, 99)"], // 23503
      ["insert into sample (id, amount) values (4, -1)"], // 23514
      ["select * from sample where"], // 42601, with a position
      ["select fail_with($1)", ["40001"]],
      ["select fail_with($1)", ["40P01"]],
    ] as const;
    for (const [query, params] of cases) {
      const err = await bothFail(query, params ? [...params] : []);
      expect(err.worker).toBeInstanceOf(messages.DatabaseError);
      expect(fieldsOf(err.worker)).toStrictEqual(fieldsOf(err.local));
    }
    const unique = await bothFail("insert into sample (id, label) values (2, 'one')");
    expect(unique.worker).toMatchObject({ code: "23505", constraint: "sample_label_key", table: "sample" });
    const raised = await bothFail("select fail_with('40P01')");
    expect(raised.worker).toMatchObject({ code: "40P01", detail: "a detail", hint: "a hint" });
    expect((raised.worker as messages.DatabaseError).where).toContain("fail_with");
  });

  it("fails a query whose parameter can't cross threads, and goes on working", async () => {
    await expect(worker.query("select $1::text", [() => 1])).rejects.toThrow(/could not be cloned/);
    expect((await worker.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
  });

  it("keeps the dialect's lock: one transaction at a time, and a self-wait fails clearly", async () => {
    const db = new Kysely<{ sample: { id: number; label: string | null } }>({
      dialect: pgliteDialect(worker, { lockTimeoutMs: 300 }),
    });
    const order: string[] = [];
    const tx = (name: string) =>
      db.transaction().execute(async (trx) => {
        order.push(`${name} begins`);
        await sql`select pg_sleep(0.05)`.execute(trx);
        order.push(`${name} ends`);
      });
    await Promise.all([tx("a"), tx("b")]);
    expect(order).toEqual(["a begins", "a ends", "b begins", "b ends"]);

    await expect(
      db.transaction().execute(async () => {
        await db.selectFrom("sample").selectAll().execute();
      }),
    ).rejects.toThrow(/not released within 0.3 s/);
    // The queue moved on: the database is usable again.
    expect(await db.selectFrom("sample").select("id").execute()).toEqual([{ id: 1 }]);
  });

  it("rejects startup clearly when PGlite can't open its directory", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "agora-pglite-"));
    const file = path.join(parent, "not-a-directory");
    writeFileSync(file, "x");
    try {
      const broken = new PGliteWorker(file);
      await expect(broken.waitReady).rejects.toThrow(/PGlite did not open/);
      await expect(broken.query("select 1")).rejects.toThrow(/PGlite did not open/);
      await broken.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("on disk, syncs each commit before answering it (PGlite alone does not), WAL in 1 MB segments", async () => {
    const settings = await worker.query<{ fsync: string; wal_sync_method: string; segment: string }>(
      `select current_setting('fsync') as fsync, current_setting('wal_sync_method') as wal_sync_method,
              current_setting('wal_segment_size') as segment`,
    );
    expect(settings.rows).toEqual([{ fsync: "on", wal_sync_method: "fsync", segment: "1MB" }]);
    await worker.query("create table durable (n int)");
    const before = (await worker.stats()).diskSyncs;
    for (let n = 1; n <= 3; n++) await worker.query("insert into durable values ($1)", [n]);
    expect((await worker.stats()).diskSyncs - before).toBeGreaterThanOrEqual(3);
    // A statement that commits nothing has nothing to sync.
    const idle = (await worker.stats()).diskSyncs;
    await worker.query("select count(*) from durable");
    expect((await worker.stats()).diskSyncs).toBe(idle);
  });

  it("in memory, has no disk to sync", async () => {
    const memory = new PGliteWorker();
    try {
      await memory.query("create table t (n int)");
      await memory.query("insert into t values (1)");
      expect((await memory.stats()).diskSyncs).toBe(0);
    } finally {
      await memory.close();
    }
  });

  // Last of this block: it closes the shared worker.
  it("keeps what was committed on disk across a close and a reopen", async () => {
    await worker.close();
    await expect(worker.query("select 1")).rejects.toThrow("PGlite is closed");
    const reopened = new PGliteWorker(dir);
    try {
      expect((await reopened.query("select id, flag from sample")).rows).toEqual([{ id: 1, flag: false }]);
    } finally {
      await reopened.close();
    }
  });
});

/** A stand-in thread script: says it is ready, then misbehaves on the first query. */
const misbehaving = (onQuery: string) =>
  new URL(
    `data:text/javascript,${encodeURIComponent(`
      import { parentPort } from "node:worker_threads";
      parentPort.postMessage({ ready: true });
      parentPort.on("message", () => { ${onQuery} });
    `)}`,
  );

describe("a PGlite worker that dies", () => {
  it("rejects the query in flight and every later one when the thread exits", async () => {
    const client = new PGliteWorker(undefined, { entry: misbehaving("process.exit(3)") });
    await client.waitReady;
    await expect(client.query("select 1")).rejects.toThrow("PGlite worker exited unexpectedly (exit code 3)");
    await expect(client.query("select 1")).rejects.toThrow("PGlite worker exited unexpectedly (exit code 3)");
    expect(client.closed).toBe(true);
    await client.close();
  });

  it("rejects them too when the thread throws", async () => {
    const client = new PGliteWorker(undefined, { entry: misbehaving("throw new Error('boom')") });
    await client.waitReady;
    const inFlight = [client.query("select 1"), client.query("select 2")];
    for (const q of inFlight) await expect(q).rejects.toThrow("PGlite worker failed: boom");
    await expect(client.query("select 3")).rejects.toThrow("PGlite worker failed: boom");
  });
});

describe("the process around a PGlite worker", () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const run = (code: string) =>
    new Promise<{ code: number | null; out: string; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
        cwd: here,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        out += d;
      });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the process did not exit by itself:\n${out}`));
      }, 20_000);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, out, ms: Date.now() - started });
      });
    });

  it("waits for a query in flight, then exits without a close (the thread holds nothing open)", async () => {
    const result = await run(`
      import { PGliteWorker } from "./pglite-worker.ts";
      const client = new PGliteWorker();
      const { rows } = await client.query("select 41 + 1 as answer");
      console.log(JSON.stringify(rows));
    `);
    expect(result.out).toContain('[{"answer":42}]');
    expect(result.code).toBe(0);
  });
});

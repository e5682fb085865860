/**
 * Moments feed benchmark: seeds a social graph straight into the server's own (migrated)
 * database with bulk SQL — users with ~150 contacts each, moments with photos, visibility
 * lists, likes, comments and replies — then starts the server as its own process and reads
 * feed pages through the HTTP API with concurrent clients: latency p50/p99 and pages/s.
 *
 *   node --import tsx bench/feed.ts [--quick] [--users=10000] [--contacts=150] [--moments=200000]
 *                                   [--clients=16] [--seconds=20] [--limit=20] [--keep]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "../apps/server/src/app.ts";
import { hashPassword } from "../apps/server/src/modules/identity/password.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import type { Db } from "../apps/server/src/platform/db.ts";
import { freshDatabase } from "../apps/server/test/fresh-database.ts";
import { cpuMs, fmt, percentile, pool, startServer } from "./support.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"] as const;
  }),
);
const QUICK = args.has("quick");
const USERS = Number(args.get("users") ?? (QUICK ? 1_000 : 10_000));
const CONTACTS = Number(args.get("contacts") ?? (QUICK ? 50 : 150));
const MOMENTS = Number(args.get("moments") ?? (QUICK ? 10_000 : 200_000));
const CLIENTS = Number(args.get("clients") ?? 16);
const SECONDS = Number(args.get("seconds") ?? (QUICK ? 5 : 20));
const LIMIT = Number(args.get("limit") ?? 20);
const VIEWERS = Math.min(USERS, QUICK ? 50 : 200);
const PASSWORD = "bench-password";

/**
 * SQL text with numbers and our own literals inlined. The bench lives outside the server's
 * workspace (no `kysely` import here), so it hands the text to the server's Kysely instance as a
 * compiled raw query.
 */
function sql(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
}
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function exec<R>(db: Db, text: string): Promise<R[]> {
  const result = await db.executeQuery<R>({
    sql: text,
    parameters: [],
    query: { kind: "RawNode", sqlFragments: [text], parameters: [] },
    queryId: { queryId: `bench-${Math.random()}` },
  } as unknown as Parameters<Db["executeQuery"]>[0]);
  return result.rows;
}

/** User i's id: deterministic, so contact and like generators are arithmetic, not joins. */
const uid = (i: string) => `('00000000-0000-7000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;

/**
 * A symmetric graph where everyone has exactly CONTACTS contacts: user i knows i ± offset for
 * CONTACTS/2 distinct random offsets (mod USERS). The k-th contact of i is then arithmetic.
 */
function offsets(): number[] {
  const half = Math.floor(CONTACTS / 2);
  const picked = new Set<number>();
  while (picked.size < half) picked.add(1 + Math.floor(Math.random() * (Math.floor(USERS / 2) - 1)));
  return [...picked];
}

async function seed(databaseUrl: string | undefined, dataDir: string) {
  const { app, database } = await build(testConfig({ databaseUrl: databaseUrl ?? undefined, dataDir }));
  const db = database.db;
  const hash = await hashPassword(PASSWORD, 1 << 10);
  const half = offsets();
  // Forward and backward offsets: the k-th contact of i is (i + signed[k]) mod USERS.
  const signed = [...half, ...half.map((o) => USERS - o)];
  const step = async (what: string, q: string) => {
    const t = performance.now();
    await exec(db, q);
    console.log(`    ${what.padEnd(28)} ${fmt((performance.now() - t) / 1000)} s`);
  };
  const off = `array[${signed.join(",")}]::int[]`;
  const nth = (i: string, k: string) => uid(`((${i} + (${off})[1 + (${k})]) % ${USERS})`);
  const N = signed.length;

  await step(
    "users",
    sql`insert into users (id, handle, display_name, password_hash)
        select ${uid("i")}, 'feed_' || i, 'Feed ' || i, ${lit(hash)} from generate_series(0, ${USERS - 1}) i`,
  );
  await step(
    "contacts",
    sql`insert into contacts (user_id, contact_id)
        select ${uid("i")}, ${nth("i", "k")}
        from generate_series(0, ${USERS - 1}) i, generate_series(0, ${N - 1}) k`,
  );
  await step(
    "media",
    sql`insert into media (id, owner_id, kind, mime, size, width, height, has_thumb)
        select ${uid("i")}, ${uid("i")}, 'image', 'image/jpeg', 100000, 1080, 1440, true
        from generate_series(0, ${USERS - 1}) i`,
  );
  // Moments over the last 90 days; 85% for all contacts, 5% each private, only, except.
  await step(
    "moments",
    sql`insert into moments (id, author_id, text, visibility, created_at)
        select ${uid(`${USERS} + j`)}, ${uid(`(j * 7919) % ${USERS}`)}, 'Moment ' || j,
          case when j % 20 = 1 then 'private' when j % 20 = 2 then 'only' when j % 20 = 3 then 'except'
          else 'contacts' end,
          date_trunc('milliseconds', now() - (random() * interval '90 days'))
        from generate_series(0, ${MOMENTS - 1}) j`,
  );
  await step(
    "moment audiences",
    sql`insert into moment_audience (moment_id, user_id)
        select ${uid(`${USERS} + j`)}, ${nth(`((j * 7919) % ${USERS})`, `(j + k) % ${N}`)}
        from generate_series(0, ${MOMENTS - 1}) j, generate_series(0, 9) k
        where j % 20 in (2, 3)`,
  );
  // Half the moments have 1 to 9 photos (the author's one upload, repeated).
  await step(
    "moment photos",
    sql`insert into moment_media (moment_id, position, media_id, width, height)
        select ${uid(`${USERS} + j`)}, p, ${uid(`(j * 7919) % ${USERS}`)}, 1080, 1440
        from generate_series(0, ${MOMENTS - 1}) j, generate_series(0, 8) p
        where j % 2 = 0 and p <= (j / 2) % 9`,
  );
  // 0 to 10 likes per moment (5 on average) and 0 to 4 comments, from the author's contacts.
  await step(
    "likes",
    sql`insert into moment_likes (moment_id, user_id, created_at)
        select ${uid(`${USERS} + j`)}, ${nth(`((j * 7919) % ${USERS})`, `(j * 3 + k) % ${N}`)}, now()
        from generate_series(0, ${MOMENTS - 1}) j, generate_series(0, 9) k
        where k < (j * 13) % 11`,
  );
  await step(
    "comments",
    sql`insert into moment_comments (id, moment_id, author_id, reply_to_id, text, created_at)
        select gen_random_uuid(), ${uid(`${USERS} + j`)}, ${nth(`((j * 7919) % ${USERS})`, `(j * 5 + k) % ${N}`)},
          case when k = 1 then ${nth(`((j * 7919) % ${USERS})`, `(j * 5) % ${N}`)} end,
          'Comment ' || k, now() - (4 - k) * interval '1 minute'
        from generate_series(0, ${MOMENTS - 1}) j, generate_series(0, 3) k
        where k < (j * 17) % 5`,
  );
  // As autovacuum leaves a live table: statistics and the visibility map (index-only scans).
  await step("vacuum analyze", sql`vacuum analyze`);
  const counts = await exec<{ t: string; n: number }>(
    db,
    sql`
    select 'contacts' as t, count(*)::int as n from contacts
    union all select 'likes', count(*)::int from moment_likes
    union all select 'comments', count(*)::int from moment_comments
    union all select 'photos', count(*)::int from moment_media`,
  );
  await app.close();
  return Object.fromEntries(counts.map((r) => [r.t, r.n])) as Record<string, number>;
}

interface Viewer {
  handle: string;
  token: string;
}

async function login(url: string, handle: string): Promise<Viewer> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ handle, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { handle, token: ((await res.json()) as { token: string }).token };
}

/** Reads pages: a first page, then with probability 1/2 the next one, and so on. */
async function run(url: string, viewers: Viewer[], clients: number, seconds: number) {
  const latencies: number[] = [];
  let items = 0;
  let likesSeen = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await pool(
    Array.from({ length: clients }, (_, i) => i),
    clients,
    async (c) => {
      let n = c;
      while (performance.now() < until) {
        const viewer = viewers[n++ % viewers.length] as Viewer;
        let cursor: string | null = null;
        do {
          const q = `limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ""}`;
          const start = performance.now();
          const res = await fetch(`${url}/api/v1/moments/feed?${q}`, {
            headers: { authorization: `Bearer ${viewer.token}` },
          });
          const body = (await res.json()) as { items: { likes: unknown[] }[]; nextCursor: string | null };
          latencies.push(performance.now() - start);
          if (res.status !== 200) throw new Error(`feed failed: ${res.status} ${JSON.stringify(body)}`);
          items += body.items.length;
          for (const m of body.items) likesSeen += m.likes.length;
          cursor = body.nextCursor;
        } while (cursor && Math.random() < 0.5 && performance.now() < until);
      }
    },
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, pages: latencies.length, elapsed, items, likesSeen };
}

async function main() {
  const backend = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agora-feed-bench-"));
  const db = process.env.DATABASE_URL ? await freshDatabase() : null;
  console.log(
    `\nFeed benchmark on ${backend} (server in its own process, ${os.cpus().length} cores): ` +
      `${fmt(USERS, 0)} users × ${CONTACTS} contacts, ${fmt(MOMENTS, 0)} moments, pages of ${LIMIT}`,
  );
  try {
    const t = performance.now();
    const counts = await seed(db?.url, dataDir);
    console.log(
      `  seeded ${fmt(counts.contacts ?? 0, 0)} contact rows, ${fmt(counts.photos ?? 0, 0)} photos, ` +
        `${fmt(counts.likes ?? 0, 0)} likes, ${fmt(counts.comments ?? 0, 0)} comments in ${fmt((performance.now() - t) / 1000)} s`,
    );
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: db?.url ?? "" });
    const pid = server.proc.pid as number;
    try {
      const handles = Array.from({ length: VIEWERS }, (_, i) => `feed_${(i * 7907) % USERS}`);
      const viewers: Viewer[] = [];
      await pool(handles, 8, async (h) => {
        viewers.push(await login(server.url, h));
      });
      await run(server.url, viewers, 4, QUICK ? 1 : 3); // warm-up
      for (const clients of [1, CLIENTS]) {
        const cpu0 = cpuMs(pid);
        const r = await run(server.url, viewers, clients, SECONDS);
        const cpu = cpuMs(pid) - cpu0;
        console.log(
          `  ${String(clients).padStart(3)} client${clients === 1 ? " " : "s"}: ${fmt(r.pages, 0).padStart(7)} pages  ` +
            `${fmt(r.pages / r.elapsed, 0).padStart(6)} pages/s  p50 ${fmt(percentile(r.latencies, 50), 2)} ms  ` +
            `p99 ${fmt(percentile(r.latencies, 99), 2)} ms  ${fmt(r.items / r.pages, 1)} moments/page, ` +
            `${fmt(r.likesSeen / Math.max(1, r.items), 1)} visible likes/moment  ` +
            `server CPU ${fmt(cpu / r.pages, 2)} ms/page`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    // --keep leaves the PostgreSQL database in place, to EXPLAIN its queries afterwards.
    if (args.has("keep")) console.log(`  kept ${db?.url ?? dataDir}`);
    else await db?.drop();
    if (!args.has("keep")) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

/**
 * Messaging benchmark: starts the server as its own process (PGlite, or PostgreSQL when
 * DATABASE_URL is set), connects clients over real WebSockets, sends over them (`message.send`,
 * acknowledged per message; `--http` sends with POST instead), and measures
 * what recipients receive: delivered messages/s, end-to-end latency, memory per connection,
 * and that every message reached every recipient exactly once.
 *
 *   node --import tsx bench/messaging.ts [--clients=1000] [--quick] [--only=idle,moderate,reference,crowd] [--rate=3000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { build } from "../apps/server/src/app.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { freshDatabase } from "../apps/server/test/fresh-database.ts";
import { cpuMs, databaseCpuMeter, fmt, percentile, pool, rssBytes, settle, startServer } from "./support.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"] as const;
  }),
);
const QUICK = args.has("quick");
const CLIENTS = Number(args.get("clients") ?? (QUICK ? 200 : 1000));
const OVER_HTTP = args.has("http");
const SCENARIOS = new Set((args.get("only") ?? "idle,moderate,reference,crowd").split(","));
/** The moderate scenario's pace: about ejabberd's archiving capacity on this machine kind. */
const MODERATE_RATE = Number(args.get("rate") ?? 3_000);

interface BenchUser {
  id: string;
  token: string;
}

interface Conversation {
  id: string;
  members: BenchUser[];
}

/** Creates users, contacts and conversations through the services, before the server starts. */
async function seed(
  databaseUrl: string | undefined,
  dataDir: string,
  plan: { pairs: number; groups: number; groupSize: number },
) {
  const { app, services } = await build(
    testConfig({ databaseUrl: databaseUrl ?? undefined, dataDir, scryptCost: 1 << 10 }),
  );
  const meta = { ip: "bench", userAgent: "bench" };
  let n = 0;
  const user = async (): Promise<BenchUser> => {
    const r = await services.identity.register(
      {
        handle: `b${++n}_${Math.random().toString(36).slice(2, 8)}`,
        displayName: `Bench ${n}`,
        password: "bench-password",
      },
      meta,
    );
    return { id: r.user.id, token: r.token };
  };
  const befriend = async (a: BenchUser, b: BenchUser) => {
    const { request } = await services.contacts.sendRequest(a.id, b.id, undefined);
    await services.contacts.accept(b.id, request.id);
  };
  const pairs: Conversation[] = [];
  for (let i = 0; i < plan.pairs; i++) {
    const a = await user();
    const b = await user();
    await befriend(a, b);
    const { conversation } = await services.messaging.openDirect(a.id, b.id);
    pairs.push({ id: conversation.id, members: [a, b] });
  }
  const groups: Conversation[] = [];
  for (let g = 0; g < plan.groups; g++) {
    const members = [await user()];
    for (let i = 1; i < plan.groupSize; i++) {
      const m = await user();
      await befriend(members[0] as BenchUser, m);
      members.push(m);
    }
    const conv = await services.messaging.createGroup(
      members[0]?.id as string,
      `Group ${g}`,
      members.slice(1).map((m) => m.id),
    );
    groups.push({ id: conv.id, members });
  }
  await app.close();
  return { pairs, groups };
}

class Client {
  ws!: WebSocket;
  readonly received = new Map<string, number>(); // clientId → times received
  onMessage: (clientId: string, at: number) => void = () => {};
  readonly #acks = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();

  /** Sends over the socket; resolves when the server acknowledged the stored message. */
  send(conversationId: string, clientId: string, text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#acks.set(clientId, { resolve, reject });
      this.ws.send(JSON.stringify({ type: "message.send", conversationId, clientId, kind: "text", text }));
    });
  }

  #pong: (() => void) | undefined;

  /** A `ping` frame answered by `pong`: the socket round trip with no database in it. */
  ping(): Promise<void> {
    return new Promise((resolve) => {
      this.#pong = resolve;
      this.ws.send(JSON.stringify({ type: "ping" }));
    });
  }

  constructor(readonly user: BenchUser) {}

  connect(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/ws?token=${this.user.token}`);
      this.ws.on("error", reject);
      this.ws.on("message", (data) => {
        const f = JSON.parse(data.toString());
        if (f.type === "message.ack" || f.type === "message.error") {
          const ack = this.#acks.get(f.clientId);
          this.#acks.delete(f.clientId);
          if (f.type === "message.ack") ack?.resolve();
          else ack?.reject(new Error(`send refused: ${f.status} ${f.code}`));
        } else if (f.type === "pong") {
          this.#pong?.();
          this.#pong = undefined;
        } else if (f.type === "ready")
          this.ws.send(JSON.stringify({ type: "sync", afterEventSeq: f.lastEventSeq }));
        else if (f.type === "synced") resolve();
        else if (f.type === "message.new" && f.message.senderId !== this.user.id) {
          const at = performance.now();
          const cid = f.message.clientId as string;
          this.received.set(cid, (this.received.get(cid) ?? 0) + 1);
          this.onMessage(cid, at);
        }
      });
    });
  }
}

interface Run {
  name: string;
  serverCpuMs: number;
  /** Local PostgreSQL processes' CPU time (0 on PGlite, which runs inside the server). */
  databaseCpuMs: number;
  clientCpuMs: number;
  messages: number;
  deliveries: number;
  seconds: number;
  latencies: number[];
  missing: number;
  duplicates: number;
}

/** Each sender sends `perSender` messages to its conversation with at most `inFlight` unanswered. */
async function drive(
  serverPid: number,
  url: string,
  name: string,
  senders: { client: Client; conv: Conversation }[],
  clientsByUser: Map<string, Client>,
  perSender: number,
  inFlight: number,
  /** Open loop: messages per second over all senders, round robin, whatever the answers. */
  rate?: number,
): Promise<Run> {
  const startedAt = new Map<string, number>();
  const latencies: number[] = [];
  const expected = new Map<string, string[]>(); // clientId → recipient ids
  let deliveriesLeft = 0;
  for (const s of senders) deliveriesLeft += perSender * (s.conv.members.length - 1);
  const totalDeliveries = deliveriesLeft;
  let done!: () => void;
  const allDelivered = new Promise<void>((r) => {
    done = r;
  });
  for (const c of clientsByUser.values()) {
    c.received.clear();
    c.onMessage = (cid, at) => {
      const t0 = startedAt.get(cid);
      if (t0 === undefined) return;
      latencies.push(at - t0);
      if (--deliveriesLeft === 0) done();
    };
  }
  const tag = Math.random().toString(36).slice(2, 8);
  const cpu0 = cpuMs(serverPid);
  const dbCpu = process.env.DATABASE_URL ? databaseCpuMeter() : null;
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (rate !== undefined) {
    // Paced: message j is due at t0 + j / rate and its latency counts from then, so a server (or
    // load generator) falling behind shows in the figures instead of slowing the senders down.
    const total = senders.length * perSender;
    const acks: Promise<void>[] = [];
    await new Promise<void>((resolve) => {
      let j = 0;
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
        for (; j < due; j++) {
          const si = j % senders.length;
          const { client, conv } = senders[si] as { client: Client; conv: Conversation };
          const clientId = `${tag}-${si}-${Math.floor(j / senders.length)}`;
          expected.set(
            clientId,
            conv.members.filter((m) => m.id !== client.user.id).map((m) => m.id),
          );
          startedAt.set(clientId, t0 + (j / rate) * 1000);
          acks.push(client.send(conv.id, clientId, `hello ${clientId}`));
        }
        if (j < total) setTimeout(tick, 1);
        else resolve();
      };
      tick();
    });
    await Promise.all(acks);
  } else {
    await Promise.all(
      senders.map(async ({ client, conv }, si) => {
        const ids = Array.from({ length: perSender }, (_, i) => `${tag}-${si}-${i}`);
        await pool(ids, inFlight, async (clientId) => {
          expected.set(
            clientId,
            conv.members.filter((m) => m.id !== client.user.id).map((m) => m.id),
          );
          startedAt.set(clientId, performance.now());
          if (!OVER_HTTP) return client.send(conv.id, clientId, `hello ${clientId}`);
          const res = await fetch(`${url}/api/v1/conversations/${conv.id}/messages`, {
            method: "POST",
            headers: { authorization: `Bearer ${client.user.token}`, "content-type": "application/json" },
            body: JSON.stringify({ clientId, kind: "text", text: `hello ${clientId}` }),
          });
          if (res.status !== 201) throw new Error(`send failed: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        });
      }),
    );
  }
  const timeout = new Promise<void>((r) => setTimeout(r, 30_000));
  await Promise.race([allDelivered, timeout]);
  const seconds = (performance.now() - t0) / 1000;
  let missing = 0;
  let duplicates = 0;
  for (const [cid, recipients] of expected) {
    for (const r of recipients) {
      const times = clientsByUser.get(r)?.received.get(cid) ?? 0;
      if (times === 0) missing++;
      if (times > 1) duplicates += times - 1;
    }
  }
  return {
    name,
    serverCpuMs: cpuMs(serverPid) - cpu0,
    databaseCpuMs: dbCpu?.stop() ?? 0,
    clientCpuMs: ((u) => (u.user + u.system) / 1000)(process.cpuUsage(clientCpu0)),
    messages: expected.size,
    deliveries: totalDeliveries,
    seconds,
    latencies: latencies.sort((a, b) => a - b),
    missing,
    duplicates,
  };
}

function report(r: Run) {
  console.log(
    `  ${r.name.padEnd(34)} ${fmt(r.messages, 0).padStart(7)} msgs ${fmt(r.deliveries, 0).padStart(7)} deliveries  ` +
      `${fmt(r.deliveries / r.seconds, 0).padStart(7)} delivered/s  ` +
      `p50 ${fmt(percentile(r.latencies, 50), 2)} ms  p95 ${fmt(percentile(r.latencies, 95), 2)} ms  p99 ${fmt(percentile(r.latencies, 99), 2)} ms  ` +
      `server CPU ${fmt(r.serverCpuMs / r.messages, 2)} ms/msg (${fmt((100 * r.serverCpuMs) / 1000 / r.seconds, 0)}% of a core), ` +
      (r.databaseCpuMs
        ? `database ${fmt(r.databaseCpuMs / r.messages, 2)} ms/msg (${fmt((100 * r.databaseCpuMs) / 1000 / r.seconds, 0)}%), `
        : "") +
      `load generator ${fmt((100 * r.clientCpuMs) / 1000 / r.seconds, 0)}% of a core  ` +
      `${r.missing === 0 && r.duplicates === 0 ? "exactly once ✓" : `MISSING ${r.missing} DUPLICATED ${r.duplicates}`}`,
  );
}

async function main() {
  const backend = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agora-bench-"));
  const db = process.env.DATABASE_URL ? await freshDatabase() : null;
  // The reference shape: 25 pairs (50 users). The crowd: the rest in pairs and groups of 10.
  const groupSize = 10;
  const groups = Math.floor((CLIENTS * 0.2) / groupSize);
  const crowdPairs = Math.floor((CLIENTS - 50 - groups * groupSize) / 2);
  console.log(
    `\nMessaging benchmark on ${backend}, sending over ${OVER_HTTP ? "HTTP" : "WebSocket"} (server in its own process, ${os.cpus().length} cores)`,
  );
  const t = performance.now();
  const seeded = await seed(db?.url, dataDir, { pairs: 25 + crowdPairs, groups, groupSize });
  console.log(
    `  seeded ${fmt(CLIENTS, 0)} users, ${seeded.pairs.length} direct chats, ${seeded.groups.length} groups of ${groupSize} in ${fmt((performance.now() - t) / 1000)} s`,
  );

  // Once, not before each run: a checkpoint right before a paced run sends it a burst of
  // full-page WAL writes, and its p99 with them (moderate p99 over 100 ms in 3 of 9 runs).
  settle(db?.url);
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: db?.url ?? "" });
  const pid = server.proc.pid as number;
  try {
    const rssBefore = rssBytes(pid);
    const clients = new Map<string, Client>();
    const allUsers = [...seeded.pairs, ...seeded.groups].flatMap((c) => c.members);
    for (const u of allUsers) clients.set(u.id, new Client(u));
    await pool([...clients.values()], 50, (c) => c.connect(server.url));
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssBytes(pid);
    console.log(
      `  ${fmt(clients.size, 0)} sockets connected: server RSS ${fmt(rssBefore / 2 ** 20)} → ${fmt(rssAfter / 2 ** 20)} MiB, ` +
        `${fmt((rssAfter - rssBefore) / clients.size / 1024)} KiB per connection`,
    );

    const [idle] = seeded.pairs;
    const idlePair = idle as Conversation;
    const runs: Run[] = [];
    if (SCENARIOS.has("idle")) {
      // The floors under the idle pair's latency: a frame to the server and back, no database;
      // back to back, and after a millisecond of quiet (what waking idle processes costs on
      // this machine: the idle pair's four hops each pay it).
      const pinger = clients.get(idlePair.members[0]?.id as string) as Client;
      const roundTrips = async (quietMs: number) => {
        const rtts: number[] = [];
        for (let i = 0; i < (QUICK ? 100 : 300); i++) {
          if (quietMs > 0) await new Promise((r) => setTimeout(r, quietMs));
          const t = performance.now();
          await pinger.ping();
          rtts.push(performance.now() - t);
        }
        return rtts.sort((a, b) => a - b);
      };
      for (const [label, quietMs] of [
        ["socket round trip (ping → pong)", 0],
        ["the same after 1 ms of quiet", 1],
      ] as const) {
        const rtts = await roundTrips(quietMs);
        console.log(
          `  ${label.padEnd(34)} p50 ${fmt(percentile(rtts, 50), 2)} ms  p99 ${fmt(percentile(rtts, 99), 2)} ms`,
        );
      }
      // Twice: right after the server started (its JIT and the database connection's plans
      // still cold), then warm, as a server that has been serving is.
      const idlePairRun = (label: string) =>
        drive(
          pid,
          server.url,
          label,
          [{ client: clients.get(idlePair.members[0]?.id as string) as Client, conv: idlePair }],
          clients,
          QUICK ? 100 : 300,
          1,
        );
      for (const label of ["idle pair, first after start", "idle pair, warm"]) {
        const run = await idlePairRun(label);
        report(run);
        runs.push(run);
      }
    }

    const reference = seeded.pairs
      .slice(0, 25)
      .flatMap((conv) => conv.members.map((m) => ({ client: clients.get(m.id) as Client, conv })));
    if (SCENARIOS.has("reference")) {
      const refRun = await drive(
        pid,
        server.url,
        "reference: 50 users, 200 each, ≤10 in flight",
        reference,
        clients,
        QUICK ? 40 : 200,
        10,
      );
      report(refRun);
      runs.push(refRun);
    }

    const crowd = [
      ...seeded.pairs
        .slice(25)
        .flatMap((conv) => conv.members.map((m) => ({ client: clients.get(m.id) as Client, conv }))),
      ...seeded.groups.flatMap((conv) =>
        conv.members.map((m) => ({ client: clients.get(m.id) as Client, conv })),
      ),
    ];
    if (SCENARIOS.has("moderate") && !OVER_HTTP) {
      const seconds = QUICK ? 2 : 5;
      const moderate = await drive(
        pid,
        server.url,
        `moderate: ${fmt(MODERATE_RATE, 0)} msg/s paced, ${fmt(crowd.length, 0)} senders`,
        crowd,
        clients,
        Math.ceil((MODERATE_RATE * seconds) / crowd.length),
        0,
        MODERATE_RATE,
      );
      report(moderate);
      runs.push(moderate);
    }

    if (SCENARIOS.has("crowd")) {
      const crowdRun = await drive(
        pid,
        server.url,
        `crowd: ${fmt(crowd.length, 0)} senders, 80% direct, 20% groups`,
        crowd,
        clients,
        QUICK ? 3 : 10,
        2,
      );
      report(crowdRun);
      runs.push(crowdRun);
    }
    console.log(`  server RSS after the runs: ${fmt(rssBytes(pid) / 2 ** 20)} MiB`);
    for (const c of clients.values()) c.ws.terminate();
    const failed = runs.some((r) => r.missing > 0 || r.duplicates > 0);
    if (failed) process.exitCode = 1;
  } finally {
    await server.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

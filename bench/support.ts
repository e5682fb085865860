import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

/** The server as its own process, as `npm start` runs it, so the load generator doesn't share its CPU time. */
export async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_SERVER_ARGS adds node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...extra, "--import", "tsx", "apps/server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      RATE_LIMIT: "off",
      DEMO_DATA: "off",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error("server exited");
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/**
 * CPU times in milliseconds from a /proc/<pid>/stat text (Linux, 100 ticks/s): the process's own
 * (utime + stime) and its waited-for children's (cutime + cstime).
 */
function statCpuMs(stat: string): { own: number; children: number } {
  const f = stat.split(") ")[1]?.split(" ") ?? [];
  return {
    own: ((Number(f[11]) + Number(f[12])) * 1000) / 100,
    children: ((Number(f[13]) + Number(f[14])) * 1000) / 100,
  };
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc (Linux). */
export function cpuMs(pid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8")).own;
}

/**
 * CPU time of every local PostgreSQL process (backends, WAL writer, checkpointer, autovacuum) by
 * pid, in milliseconds: where a run's database work goes when PostgreSQL runs on this machine.
 */
export function databaseCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      byPid.set(pid, statCpuMs(stat).own);
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/**
 * Measures the database CPU time a run uses: readings every 200 ms keep the share of processes
 * that end before the run does (pgbench's backends exit with it); processes started meanwhile
 * count from zero.
 */
export function databaseCpuMeter() {
  const before = databaseCpu();
  const last = new Map(before);
  const read = () => {
    for (const [pid, ms] of databaseCpu()) last.set(pid, ms);
  };
  const timer = setInterval(read, 200);
  return {
    stop(): number {
      clearInterval(timer);
      read();
      let total = 0;
      for (const [pid, ms] of last) total += ms - (before.get(pid) ?? 0);
      return total;
    },
  };
}

/** CPU time (user + system) this process (the load generator) has used, in milliseconds. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time of this process's waited-for children (e.g. pgbench run by spawnSync), in milliseconds. */
export function childrenCpuMs(): number {
  return statCpuMs(readFileSync("/proc/self/stat", "utf8")).children;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  });
  await Promise.all(workers);
}

/**
 * Before each measured run on PostgreSQL: vacuum and analyze what the last run left, then a
 * checkpoint, so that no run pays for its predecessor's autovacuum or checkpoint and each starts
 * from the same state (pgbench included).
 */
export function settle(databaseUrl: string | undefined) {
  if (!databaseUrl) return;
  const r = spawnSync("psql", [databaseUrl, "-q", "-c", "vacuum analyze", "-c", "checkpoint"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`vacuum/checkpoint: ${r.stderr}`);
}

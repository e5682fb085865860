import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freshDatabase } from "../../apps/server/test/fresh-database.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * A real server process, started the way `npm start` starts one, on its own port, data
 * directory and (with DATABASE_URL) its own PostgreSQL database. It can be killed and started
 * again on the same data.
 */
export class BootedServer {
  proc: ChildProcess | null = null;
  output = "";
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), "agora-e2e-"));
  port = 0;
  #databaseUrl: string | undefined;
  #dropDatabase: () => Promise<void> = async () => {};

  constructor(
    readonly env: Record<string, string> = {},
    /** Another node of the same deployment: same PostgreSQL database (needs DATABASE_URL). */
    private readonly sameDatabaseAs?: BootedServer,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    if (this.sameDatabaseAs) this.#databaseUrl = this.sameDatabaseAs.#databaseUrl;
    else if (process.env.DATABASE_URL && !this.#databaseUrl) {
      const db = await freshDatabase();
      this.#databaseUrl = db.url;
      this.#dropDatabase = db.drop;
    }
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(this.port),
      HOST: "127.0.0.1",
      DATA_DIR: this.dataDir,
      DATABASE_URL: this.#databaseUrl ?? "",
      RATE_LIMIT: "off",
      LOG_LEVEL: "warn",
      ...this.env,
    };
    this.proc = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc.stdout?.on("data", (d) => {
      this.output += d;
    });
    this.proc.stderr?.on("data", (d) => {
      this.output += d;
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/v1/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not healthy within 60 s:\n${this.output}`);
  }

  /** Stops the process with a signal and resolves with its exit code. */
  stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return Promise.resolve(proc?.exitCode ?? null);
    return new Promise((resolve) => {
      proc.once("exit", (code) => resolve(code));
      proc.kill(signal);
    });
  }

  async dispose() {
    await this.stop("SIGKILL");
    if (!this.sameDatabaseAs) await this.#dropDatabase();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async call(
    method: string,
    apiPath: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] ??= "application/json";
    const res = await fetch(`${this.url}/api/v1${apiPath}`, {
      method,
      headers,
      ...(opts.body !== undefined
        ? { body: typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) }
        : {}),
    });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary JSON.
    const body: any = type.includes("json") && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body };
  }
}

import { Worker } from "node:worker_threads";
import { messages } from "@electric-sql/pglite";
import type { PGliteClient } from "./pglite-dialect.ts";

/** An error as it crosses the thread boundary (see pglite-worker-entry.mjs). */
interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  database?: boolean;
  fields: Record<string, unknown>;
}

type Reply = {
  id: number;
  rows?: unknown[];
  affectedRows?: number;
  stats?: PGliteStats;
  error?: ErrorData;
};

/** What the thread has done besides queries. */
export interface PGliteStats {
  /** Host fsyncs made on PostgreSQL's request (0 in memory): one per commit on disk. */
  diskSyncs: number;
}
type Startup = { ready: boolean; error?: ErrorData };

interface Waiter {
  resolve(reply: Reply): void;
  reject(err: Error): void;
}

// Resolved next to this file, so it works under tsx, vitest and `npm start` alike; plain
// JavaScript because the worker does not inherit the tsx loader `npm start` registers.
const ENTRY = new URL("./pglite-worker-entry.mjs", import.meta.url);

/**
 * Embedded PGlite in a worker thread, so the database's work (PGlite runs each query
 * synchronously on its thread) takes the second core instead of the server's event loop.
 * Queries are messages with ids; rows come back by structured clone, which keeps what PGlite
 * parsed (Date, Uint8Array, JSON values, number or bigint for int8) as it was. A PGlite error
 * arrives as a `DatabaseError` with the same fields (`code`, `constraint`, `detail`…).
 *
 * The thread holds the process open only while a query is in flight (or it is starting), as
 * an in-process PGlite would. If it dies, every waiting and later query is rejected.
 */
export class PGliteWorker implements PGliteClient {
  /** Settles once PGlite has opened (or failed to) in the thread. */
  readonly waitReady: Promise<void>;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Waiter>();
  #nextId = 1;
  #ready = false;
  #closing: Promise<void> | undefined;
  #closed = false;
  /** Why no query can run any more, once the thread is gone. */
  #failure: { message: string; cause?: unknown } | undefined;
  #startup!: { resolve(): void; reject(err: Error): void };

  /**
   * Opens PGlite on `dataDir`, or in memory without one. `entry` replaces the thread's script
   * (tests stand in a thread that misbehaves).
   */
  constructor(dataDir?: string, { entry = ENTRY }: { entry?: URL } = {}) {
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.#startup = { resolve, reject };
    });
    // Nobody may wait for it (queries wait on their own): no unhandled rejection either way.
    this.waitReady.catch(() => {});
    // No execArgv: the thread needs none of the server's flags, and `--import tsx` (when the
    // server was started with it) would only slow its start.
    this.#worker = new Worker(entry, { workerData: { dataDir }, execArgv: [] });
    this.#worker.on("message", (m: Reply | Startup) => this.#onMessage(m));
    this.#worker.on("error", (err) => this.#fail(`PGlite worker failed: ${err.message}`, err));
    this.#worker.on("messageerror", (err) =>
      this.#fail(`PGlite worker sent a message that could not be read: ${err.message}`, err),
    );
    this.#worker.on("exit", (code) =>
      this.#fail(this.#closed ? "PGlite is closed" : `PGlite worker exited unexpectedly (exit code ${code})`),
    );
  }

  get closed(): boolean {
    return this.#closing !== undefined || this.#failure !== undefined;
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; affectedRows?: number }> {
    if (this.#closing) throw new Error("PGlite is closed");
    const reply = await this.#request({ sql, params });
    return {
      rows: reply.rows as R[],
      ...(reply.affectedRows !== undefined ? { affectedRows: reply.affectedRows } : {}),
    };
  }

  async stats(): Promise<PGliteStats> {
    if (this.#closing) throw new Error("PGlite is closed");
    return (await this.#request({ stats: true })).stats as PGliteStats;
  }

  /** Closes PGlite (its files are complete after this) and ends the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (!this.#failure) await this.#request({ close: true });
      } finally {
        this.#closed = true;
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  #request(body: { sql: string; params: unknown[] } | { stats: true } | { close: true }): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#error());
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      try {
        this.#worker.postMessage({ id, ...body });
      } catch (err) {
        // A parameter structured clone can't copy (a function, a class instance with private
        // state): this query fails, the thread is fine.
        reject(err);
        return;
      }
      if (this.#pending.size === 0 && this.#ready) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  #onMessage(message: Reply | Startup) {
    if ("ready" in message) {
      if (!message.ready) {
        const err = toError(message.error as ErrorData);
        this.#fail(`PGlite did not open: ${err.message}`, err);
        void this.#worker.terminate();
        return;
      }
      this.#ready = true;
      if (this.#pending.size === 0) this.#worker.unref();
      this.#startup.resolve();
      return;
    }
    const waiter = this.#pending.get(message.id);
    if (!waiter) return;
    this.#pending.delete(message.id);
    if (this.#pending.size === 0 && this.#ready) this.#worker.unref();
    if (message.error) waiter.reject(toError(message.error));
    else waiter.resolve(message);
  }

  #fail(message: string, cause?: unknown) {
    if (this.#failure) return;
    this.#failure = cause === undefined ? { message } : { message, cause };
    this.#startup.reject(this.#error());
    for (const waiter of this.#pending.values()) waiter.reject(this.#error());
    this.#pending.clear();
  }

  #error(): Error {
    const { message, cause } = this.#failure ?? { message: "PGlite is closed" };
    return cause === undefined ? new Error(message) : new Error(message, { cause });
  }
}

/** The error as the worker's PGlite threw it: a DatabaseError keeps its class and fields. */
function toError(data: ErrorData): Error {
  const err: Error = data.database
    ? new messages.DatabaseError(data.message, 0, "error")
    : new Error(data.message);
  Object.assign(err, data.fields);
  err.name = data.name;
  if (data.stack !== undefined) err.stack = data.stack;
  return err;
}

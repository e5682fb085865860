import { WebSocket } from "ws";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary frames and assert on them.
export type Frame = Record<string, any>;

/**
 * A test socket that records every frame and lets a test wait for the one it expects,
 * instead of sleeping.
 */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly #waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      for (const w of [...this.#waiters]) {
        if (w.test(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static open(
    baseUrl: string,
    opts: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<TestSocket> {
    const url = `${baseUrl.replace(/^http/, "ws")}/api/v1/ws${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ""}`;
    const ws = new WebSocket(url, { headers: opts.headers ?? {} });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
      socket.next((f) => f.type === "ready").then(() => resolve(socket), reject);
    });
  }

  /** Any other WebSocket endpoint of the server: resolves once the socket is open. */
  static openPath(baseUrl: string, path: string): Promise<TestSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
      ws.once("open", () => resolve(socket));
    });
  }

  send(frame: Frame) {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame (already received or coming) that passes `test`. */
  next(test: (f: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return this.#wait(test, timeoutMs);
  }

  /** A frame that arrives from now on. */
  upcoming(test: (f: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    return this.#wait(test, timeoutMs);
  }

  durable(): Frame[] {
    return this.frames.filter((f) => typeof f.eventSeq === "number");
  }

  async sync(afterEventSeq: number): Promise<Frame> {
    const done = this.upcoming((f) => f.type === "synced");
    this.send({ type: "sync", afterEventSeq });
    return done;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close();
    });
  }

  #wait(test: (f: Frame) => boolean, timeoutMs: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.#waiters.findIndex((w) => w.resolve === done);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`),
        );
      }, timeoutMs);
      const done = (f: Frame) => {
        clearTimeout(timer);
        resolve(f);
      };
      this.#waiters.push({ test, resolve: done });
    });
  }
}

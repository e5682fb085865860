import type { Socket } from "node:net";
import type { WebSocket } from "ws";
import type { Delivery } from "../../platform/bus.ts";
import type { StoredEvent } from "../events/service.ts";

export interface ConnectionLimits {
  /** Bytes the socket may have queued unsent before it is dropped as too slow. */
  maxBufferedBytes: number;
  /** Out-of-order events a socket may hold while it waits for a gap to fill. */
  maxPending: number;
  /** How long a gap may stay open before the inbox is read to fill it. */
  gapFillDelayMs: number;
  /**
   * How long a new socket holds live events back waiting for the client's `sync`; a client
   * that never syncs then gets live events from the moment it connected.
   */
  syncGraceMs: number;
}

export const SLOW_CONSUMER_CLOSE = 4008;
const REPLAY_PAGE = 500;

/**
 * One socket of one user. Durable events leave it strictly in eventSeq order, each once:
 * live events that arrive early wait for the gap to fill (from the inbox if needed), and a
 * `sync` replays from the inbox while holding live events back.
 */
export class Connection {
  alive = true;
  /** The socket's last `message.send` check; the next one waits for it (see Gateway). */
  sendChain: Promise<void> = Promise.resolve();
  #lastSent: number;
  /** True until the first sync (or the grace period) and during every replay. */
  #syncing = true;
  #graceTimer: NodeJS.Timeout | undefined;
  readonly #pending = new Map<number, string>();
  #gapTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #corked = false;

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    headAtConnect: number,
    private readonly readInbox: (userId: string, after: number, limit: number) => Promise<StoredEvent[]>,
    private readonly limits: ConnectionLimits,
  ) {
    this.#lastSent = headAtConnect;
    this.#graceTimer = setTimeout(() => {
      this.#syncing = false;
      this.#drain();
    }, limits.syncGraceMs);
  }

  get lastSent() {
    return this.#lastSent;
  }

  deliver(d: Delivery) {
    if (this.#closed) return;
    if (d.eventSeq === undefined) {
      this.send(d.frame);
      return;
    }
    if (d.eventSeq <= this.#lastSent) return;
    this.#pending.set(d.eventSeq, d.frame);
    if (this.#pending.size > this.limits.maxPending) {
      this.close(SLOW_CONSUMER_CLOSE, "too far behind; sync again");
      return;
    }
    if (!this.#syncing) this.#drain();
  }

  /** Replays everything after `after`, then goes on live. */
  async sync(after: number): Promise<number> {
    clearTimeout(this.#graceTimer);
    this.#syncing = true;
    try {
      this.#lastSent = after;
      for (;;) {
        const page = await this.readInbox(this.userId, this.#lastSent, REPLAY_PAGE);
        for (const e of page) this.#sendDurable(e.eventSeq, e.frame);
        if (page.length < REPLAY_PAGE || this.#closed) break;
      }
    } finally {
      this.#syncing = false;
    }
    this.#drain();
    return this.#lastSent;
  }

  send(frame: string) {
    if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(SLOW_CONSUMER_CLOSE, "too slow; sync again");
      return;
    }
    this.#cork();
    this.ws.send(frame);
  }

  /**
   * Holds this turn of the event loop's frames for the socket and writes them with one syscall
   * when the turn ends: a batch of sends gives a busy socket its acks and deliveries together
   * (one write instead of twenty under load), and an idle frame waits only for the turn's end.
   * `ws` has no public cork; its socket is a net.Socket whose cork() nests with ws's own.
   */
  #cork() {
    if (this.#corked) return;
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    if (!socket || typeof socket.cork !== "function") return;
    this.#corked = true;
    socket.cork();
    setImmediate(() => {
      this.#corked = false;
      socket.uncork();
    });
  }

  close(code: number, reason: string) {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#gapTimer);
    clearTimeout(this.#graceTimer);
    this.#pending.clear();
    this.ws.close(code, reason);
  }

  dispose() {
    this.#closed = true;
    clearTimeout(this.#gapTimer);
    clearTimeout(this.#graceTimer);
    this.#pending.clear();
  }

  #sendDurable(seq: number, frame: string) {
    if (seq !== this.#lastSent + 1) return;
    this.#lastSent = seq;
    this.#pending.delete(seq);
    this.send(frame);
  }

  #drain() {
    for (;;) {
      const next = this.#pending.get(this.#lastSent + 1);
      if (next === undefined) break;
      this.#sendDurable(this.#lastSent + 1, next);
    }
    for (const seq of this.#pending.keys()) if (seq <= this.#lastSent) this.#pending.delete(seq);
    if (this.#pending.size === 0) {
      // The gap filled by itself: nothing left to read from the inbox.
      clearTimeout(this.#gapTimer);
      this.#gapTimer = undefined;
    } else if (!this.#gapTimer) {
      // Publishes of consecutive events can overtake each other; give the late one a moment,
      // then read the inbox, which has every committed event.
      this.#gapTimer = setTimeout(() => {
        this.#gapTimer = undefined;
        void this.sync(this.#lastSent).catch(() => this.close(1011, "sync failed"));
      }, this.limits.gapFillDelayMs);
    }
  }
}

import {
  type ClientFrame,
  type DurableEventFrame,
  type DurableEventType,
  durableEvents,
  type ServerFrame,
  WS_PATH,
} from "@agora/protocol/realtime";
import { API_PREFIX } from "@agora/protocol/routes";
import { backoffDelay } from "./backoff.ts";
import { Emitter } from "./emitter.ts";

/** `online` once the replay after a (re)connect is done; the banner shows the other two. */
export type ConnectionState = "connecting" | "online" | "offline";

type DurableFrames = { [T in DurableEventType]: Extract<DurableEventFrame, { type: T }> };

/** Everything a subscriber can listen to, by name: durable events, typing, and the socket's life. */
export type RealtimeEvents = DurableFrames & {
  typing: { conversationId: string; userId: string };
  /** A (re)connect finished replaying: everything up to now is applied. `fresh`: first run on this device. */
  synced: { lastEventSeq: number; fresh: boolean };
  state: ConnectionState;
};

export const PING_EVERY_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
const CLOSE_SIGNED_OUT = 4001;

const isDurable = (type: string): type is DurableEventType => Object.hasOwn(durableEvents, type);

export interface RealtimeOptions {
  userId: string;
  /** Where the last applied eventSeq is kept across reloads (localStorage in the app). */
  storage?: Pick<Storage, "getItem" | "setItem"> | undefined;
  /** Told when the server says this session ended (close 4001). */
  onSignedOut?: (() => void) | undefined;
}

/**
 * One WebSocket per tab: connects, syncs from the last applied eventSeq, applies each durable
 * event once and in order, pings, and comes back with exponential backoff after any drop.
 * Handlers run synchronously for each frame; the eventSeq is persisted only after they ran,
 * so an event is never marked done before it was applied.
 */
export class RealtimeClient {
  readonly events = new Emitter<RealtimeEvents>();
  #state: ConnectionState = "connecting";
  #ws: WebSocket | null = null;
  #running = false;
  #attempt = 0;
  #lastEventSeq: number | null;
  #fresh = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #key: string;

  constructor(private readonly options: RealtimeOptions) {
    this.#key = `agora.eventSeq.${options.userId}`;
    const stored = options.storage?.getItem(this.#key);
    const parsed = stored == null ? Number.NaN : Number(stored);
    this.#lastEventSeq = Number.isInteger(parsed) && parsed >= 0 ? parsed : null;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The last durable event applied on this device, or null before the first sync. */
  get lastEventSeq(): number | null {
    return this.#lastEventSeq;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    if (navigator.onLine) this.#connect();
    else this.#setState("offline");
  }

  stop(): void {
    this.#running = false;
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    clearTimeout(this.#reconnectTimer);
    this.#drop();
  }

  /** Sends a client frame if the socket is up; ephemeral frames are simply skipped when it is not. */
  send(frame: ClientFrame): boolean {
    if (this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  #onOnline = () => {
    // The network is back: don't wait for the backoff timer.
    clearTimeout(this.#reconnectTimer);
    this.#attempt = 0;
    if (!this.#ws) this.#connect();
  };

  #onOffline = () => {
    // An open socket can outlive the network for a long while; say "offline" now and
    // reconnect (and sync) when the browser is online again.
    clearTimeout(this.#reconnectTimer);
    this.#drop();
    this.#setState("offline");
  };

  #connect() {
    if (!this.#running) return;
    this.#setState("connecting");
    const protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${protocol}//${location.host}${API_PREFIX}${WS_PATH}`);
    this.#ws = ws;
    ws.onmessage = (event) => {
      if (this.#ws !== ws || typeof event.data !== "string") return;
      this.#onFrame(JSON.parse(event.data) as ServerFrame);
    };
    ws.onclose = (event) => {
      if (this.#ws !== ws) return;
      this.#drop();
      if (event.code === CLOSE_SIGNED_OUT) this.options.onSignedOut?.();
      this.#scheduleReconnect();
    };
  }

  #onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case "ready": {
        if (this.#lastEventSeq === null) {
          // A new device: the REST lists are the starting point, not the whole history.
          this.#fresh = true;
          this.#commit(frame.lastEventSeq);
        }
        this.send({ type: "sync", afterEventSeq: this.#lastEventSeq ?? frame.lastEventSeq });
        this.#startPing();
        return;
      }
      case "synced": {
        this.#attempt = 0;
        this.#setState("online");
        this.events.emit("synced", { lastEventSeq: frame.lastEventSeq, fresh: this.#fresh });
        this.#fresh = false;
        return;
      }
      case "pong":
        clearTimeout(this.#pongTimer);
        return;
      case "typing":
        this.events.emit("typing", { conversationId: frame.conversationId, userId: frame.userId });
        return;
      case "error":
        console.warn("realtime error frame", frame.code, frame.detail);
        return;
      case "message.ack":
      case "message.error":
        // This app sends over HTTP (its outbox); socket sends are for lighter clients.
        return;
      default:
        if (isDurable(frame.type)) this.#onDurable(frame);
    }
  }

  #onDurable(frame: DurableEventFrame) {
    const last = this.#lastEventSeq ?? 0;
    if (frame.eventSeq <= last) return; // already applied (a replay overlapping a live frame)
    if (frame.eventSeq !== last + 1) {
      // The server sends in order; a hole means something went wrong: ask again from what we have.
      this.send({ type: "sync", afterEventSeq: last });
      return;
    }
    try {
      this.events.emit(frame.type, frame as never);
    } catch (err) {
      // A bug in one handler must not stop the stream; the event still counts as seen.
      console.error("realtime handler failed", frame.type, err);
    }
    this.#commit(frame.eventSeq);
  }

  #commit(seq: number) {
    this.#lastEventSeq = seq;
    try {
      this.options.storage?.setItem(this.#key, String(seq));
    } catch {
      // Storage full or refused: we still dedupe in memory for this visit.
    }
  }

  #startPing() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (!this.send({ type: "ping" })) return;
      clearTimeout(this.#pongTimer);
      this.#pongTimer = setTimeout(() => {
        // A silent socket is a dead one: drop it and come back.
        this.#drop();
        this.#scheduleReconnect();
      }, PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  #scheduleReconnect() {
    if (!this.#running) return;
    if (!navigator.onLine) {
      this.#setState("offline");
      return;
    }
    this.#setState(this.#attempt >= 2 ? "offline" : "connecting");
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => this.#connect(), backoffDelay(this.#attempt));
    this.#attempt += 1;
  }

  #drop() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    }
    if (this.#state === "online") this.#setState("connecting");
  }

  #setState(state: ConnectionState) {
    if (state === this.#state) return;
    this.#state = state;
    this.events.emit("state", state);
  }
}

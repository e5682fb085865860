import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Message } from "@agora/protocol/messaging";
import { ClientFrame, type EphemeralFrame, WS_PATH } from "@agora/protocol/realtime";
import { API_PREFIX } from "@agora/protocol/routes";
import type { FastifyInstance } from "fastify";
import { type WebSocket, WebSocketServer } from "ws";
import type { BusMessage, EventBus } from "../../platform/bus.ts";
import { AppError } from "../../platform/errors.ts";
import type { Session } from "../../platform/http.ts";
import type { EventsService } from "../events/service.ts";
import { Connection, type ConnectionLimits } from "./connection.ts";

type SendFrameInput = Omit<Extract<ClientFrame, { type: "message.send" }>, "type" | "conversationId">;

export interface GatewayOptions<P> {
  /** Who opens this upgrade request, or null (answered 401). */
  authenticate(req: IncomingMessage, token: string | null): Promise<Session | null>;
  /** Someone is typing: the gateway asks who else should know (empty if not a member). */
  typingAudience(userId: string, conversationId: string): Promise<string[]>;
  /**
   * A message sent over the socket, under the same rules as the HTTP route, in two steps so
   * that a socket's sends are checked one after another (and so stored in the order sent)
   * while their writes overlap.
   */
  prepareSend(userId: string, conversationId: string, input: SendFrameInput): Promise<P>;
  commitSend(prepared: P): Promise<{ message: Message; created: boolean }>;
  /** Failures that are not the client's fault, for the log. */
  onError(err: unknown): void;
  heartbeatMs?: number;
  limits?: Partial<ConnectionLimits>;
}

export type UpgradeClaim = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => boolean;

const DEFAULT_LIMITS: ConnectionLimits = {
  maxBufferedBytes: 4 * 1024 * 1024,
  maxPending: 10_000,
  gapFillDelayMs: 100,
  syncGraceMs: 3_000,
};
const TYPING_INTERVAL_MS = 2_000;

/**
 * The WebSocket gateway at `/api/v1/ws`: authenticates the upgrade, keeps each user's sockets,
 * delivers what the bus carries to the sockets on this node, and answers client frames.
 */
/** `P` is what a prepared send is; the gateway only hands it back. */
export class Gateway<P> {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #limits: ConnectionLimits;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #lastTyping = new WeakMap<Connection, Map<string, number>>();
  readonly #otherEndpoints: UpgradeClaim[] = [];

  constructor(
    private readonly events: EventsService,
    bus: EventBus,
    private readonly options: GatewayOptions<P>,
  ) {
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    bus.subscribe((m) => this.#onBus(m));
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 30_000);
    this.#heartbeat.unref();
  }

  attach(app: FastifyInstance) {
    app.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.#upgrade(req, socket, head);
    });
  }

  /** How many sockets this node holds (for metrics and the benchmark). */
  get connectionCount() {
    let n = 0;
    for (const set of this.#byUser.values()) n += set.size;
    return n;
  }

  /**
   * Another WebSocket endpoint on the same server (the QR-login socket): `claim` answers true
   * for an upgrade it takes over; upgrades nobody claims are refused.
   */
  addEndpoint(claim: UpgradeClaim) {
    this.#otherEndpoints.push(claim);
  }

  async close() {
    clearInterval(this.#heartbeat);
    for (const set of this.#byUser.values()) for (const c of set) c.close(1001, "server shutting down");
    this.#byUser.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== API_PREFIX + WS_PATH) {
      if (!this.#otherEndpoints.some((claim) => claim(req, socket, head, url))) socket.destroy();
      return;
    }
    let session: Session | null = null;
    try {
      session = await this.options.authenticate(req, url.searchParams.get("token"));
    } catch {
      session = null;
    }
    if (!session) {
      socket.end(
        "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/problem+json\r\nconnection: close\r\n\r\n",
      );
      return;
    }
    const head0 = await this.events.head(session.userId);
    const s = session;
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#open(ws, s, head0));
  }

  #open(ws: WebSocket, session: Session, headAtConnect: number) {
    const conn = new Connection(
      ws,
      session.userId,
      session.sessionId,
      headAtConnect,
      (userId, after, limit) => this.events.since(userId, after, limit),
      this.#limits,
    );
    let set = this.#byUser.get(session.userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(session.userId, set);
    }
    set.add(conn);
    ws.on("pong", () => {
      conn.alive = true;
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return this.#error(conn, "binary_not_supported", "Frames are JSON text.");
      void this.#onFrame(conn, data.toString());
    });
    ws.on("close", () => {
      conn.dispose();
      set.delete(conn);
      if (set.size === 0) this.#byUser.delete(session.userId);
    });
    ws.on("error", () => ws.terminate());
    this.#sendEphemeral(conn, { type: "ready", userId: session.userId, lastEventSeq: headAtConnect });
  }

  async #onFrame(conn: Connection, text: string) {
    let parsed: ClientFrame;
    try {
      const result = ClientFrame.safeParse(JSON.parse(text));
      if (!result.success) return this.#error(conn, "invalid_frame", "Unknown or malformed frame.");
      parsed = result.data;
    } catch {
      return this.#error(conn, "malformed_json", "Frames are JSON text.");
    }
    switch (parsed.type) {
      case "ping":
        return this.#sendEphemeral(conn, { type: "pong" });
      case "sync": {
        const last = await conn.sync(parsed.afterEventSeq).catch(() => null);
        if (last === null) return conn.close(1011, "sync failed");
        return this.#sendEphemeral(conn, { type: "synced", lastEventSeq: last });
      }
      case "message.send": {
        const { type: _type, conversationId, ...input } = parsed;
        const prepared = conn.sendChain.then(() =>
          this.options.prepareSend(conn.userId, conversationId, input),
        );
        conn.sendChain = prepared.then(
          () => {},
          () => {},
        );
        try {
          const { message, created } = await this.options.commitSend(await prepared);
          return this.#sendEphemeral(conn, {
            type: "message.ack",
            clientId: input.clientId,
            created,
            message,
          });
        } catch (err) {
          const known = err instanceof AppError;
          if (!known) this.options.onError(err);
          return this.#sendEphemeral(conn, {
            type: "message.error",
            clientId: input.clientId,
            status: known ? err.status : 500,
            code: known ? err.code : "internal_error",
            detail: known ? err.message : "Something went wrong on our side.",
          });
        }
      }
      case "typing": {
        const now = Date.now();
        let seen = this.#lastTyping.get(conn);
        if (!seen) {
          seen = new Map();
          this.#lastTyping.set(conn, seen);
        }
        if (now - (seen.get(parsed.conversationId) ?? 0) < TYPING_INTERVAL_MS) return;
        seen.set(parsed.conversationId, now);
        const audience = await this.options
          .typingAudience(conn.userId, parsed.conversationId)
          .catch(() => []);
        if (audience.length === 0) return;
        await this.events.ephemeral(audience, {
          type: "typing",
          conversationId: parsed.conversationId,
          userId: conn.userId,
        });
      }
    }
  }

  #onBus(message: BusMessage) {
    if (message.kind === "revoke-session") {
      for (const set of this.#byUser.values()) {
        for (const c of set) if (c.sessionId === message.sessionId) c.close(4001, "signed out");
      }
      return;
    }
    if (message.kind !== "deliver") return;
    for (const d of message.deliveries) {
      const set = this.#byUser.get(d.userId);
      if (set) for (const c of set) c.deliver(d);
    }
  }

  #beat() {
    for (const set of this.#byUser.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }
  }

  #sendEphemeral(conn: Connection, frame: EphemeralFrame) {
    conn.send(JSON.stringify(frame));
  }

  #error(conn: Connection, code: string, detail: string) {
    this.#sendEphemeral(conn, { type: "error", code, detail });
  }
}

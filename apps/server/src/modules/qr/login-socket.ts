import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { QR_LOGIN_WS_PATH, type QrLoginFrame, type QrLoginStatus } from "@agora/protocol/qr";
import { API_PREFIX } from "@agora/protocol/routes";
import { type WebSocket, WebSocketServer } from "ws";
import type { BusMessage, EventBus } from "../../platform/bus.ts";
import { isFinal, type QrService } from "./service.ts";

const PATH = new RegExp(`^${API_PREFIX}${QR_LOGIN_WS_PATH.replace(":id", "([A-Za-z0-9_-]{20,128})")}$`);
/** A handle is the browser's own secret: a few tabs at most wait on one. */
const MAX_SOCKETS_PER_LOGIN = 4;
/** Pings keep proxies from closing a quiet socket during the two minutes it may wait. */
const KEEPALIVE_MS = 25_000;

/**
 * The waiting browser's socket (no session: the private handle in the path is the proof).
 * It hears the login's status at once and on every change, wherever the change happened
 * (through the bus), and is closed after a final one; the browser then collects its session
 * with `GET /auth/qr-login/:id`. Nothing is polled.
 */
export class QrLoginSockets {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  readonly #byLogin = new Map<string, Set<WebSocket>>();
  readonly #timers = new Map<WebSocket, NodeJS.Timeout>();
  readonly #keepalive: NodeJS.Timeout;

  constructor(
    private readonly qr: QrService,
    bus: EventBus,
    private readonly onError: (err: unknown) => void,
  ) {
    bus.subscribe((m) => this.#onBus(m));
    this.#keepalive = setInterval(() => {
      for (const ws of this.#timers.keys()) ws.ping();
    }, KEEPALIVE_MS);
    this.#keepalive.unref();
  }

  /** For the gateway: takes the upgrades of this path, leaves every other one. */
  readonly claim = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean => {
    const handle = PATH.exec(url.pathname)?.[1];
    if (!handle) return false;
    this.#upgrade(req, socket, head, handle).catch((err) => {
      this.onError(err);
      socket.destroy();
    });
    return true;
  };

  get size() {
    return this.#timers.size;
  }

  async close() {
    clearInterval(this.#keepalive);
    for (const set of this.#byLogin.values()) for (const ws of set) ws.close(1001, "server shutting down");
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#byLogin.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, handle: string) {
    const login = await this.qr.waitingLogin(handle);
    const set = login ? this.#byLogin.get(login.id) : undefined;
    if (!login || (set?.size ?? 0) >= MAX_SOCKETS_PER_LOGIN) {
      const status = login ? "429 Too Many Requests" : "404 Not Found";
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/problem+json\r\nconnection: close\r\n\r\n`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#open(ws, login.id, login.expires_at));
  }

  #open(ws: WebSocket, loginId: string, expiresAt: Date) {
    let set = this.#byLogin.get(loginId);
    if (!set) {
      set = new Set();
      this.#byLogin.set(loginId, set);
    }
    set.add(ws);
    ws.on("close", () => {
      clearTimeout(this.#timers.get(ws));
      this.#timers.delete(ws);
      set.delete(ws);
      if (set.size === 0) this.#byLogin.delete(loginId);
    });
    ws.on("error", () => ws.terminate());
    // Registered first, then read: a change that lands meanwhile arrives through the bus too.
    this.#timers.set(
      ws,
      setTimeout(() => void this.#refresh(loginId), Math.max(0, expiresAt.getTime() - Date.now()) + 50),
    );
    void this.#refresh(loginId);
  }

  /** Reads the login's status and tells its sockets (used on open and when time runs out). */
  async #refresh(loginId: string) {
    try {
      const status = await this.qr.loginStatusById(loginId);
      this.#tell(loginId, status ?? "expired");
    } catch (err) {
      this.onError(err);
    }
  }

  #onBus(message: BusMessage) {
    if (message.kind === "qr-login") this.#tell(message.loginId, message.status as QrLoginStatus);
  }

  #tell(loginId: string, status: QrLoginStatus) {
    const set = this.#byLogin.get(loginId);
    if (!set) return;
    const frame: QrLoginFrame = { type: "qr-login.status", status };
    const text = JSON.stringify(frame);
    for (const ws of set) {
      ws.send(text);
      if (isFinal(status)) ws.close(1000, status);
    }
  }
}

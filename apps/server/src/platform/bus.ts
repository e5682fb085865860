import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

/** One frame for one user's sockets, wherever they are connected. */
export interface Delivery {
  userId: string;
  /** The JSON frame, serialized once by the producer. */
  frame: string;
  /** Durable events carry their eventSeq, so a socket can order and dedupe them. */
  eventSeq?: number;
}

export type BusMessage =
  | { kind: "deliver"; deliveries: Delivery[] }
  | { kind: "revoke-session"; sessionId: string }
  /** A web login by QR changed state: wake the browser's socket, on whichever node it waits. */
  | { kind: "qr-login"; loginId: string; status: string };

/**
 * Fan-out between server nodes: whatever one node publishes, every node (itself included)
 * receives, and each delivers to the sockets it holds.
 */
export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): void;
  close(): Promise<void>;
}

/** One node: a plain emitter. */
export class InProcessBus implements EventBus {
  readonly #emitter = new EventEmitter();

  async publish(message: BusMessage) {
    this.#emitter.emit("message", message);
  }

  subscribe(handler: (message: BusMessage) => void) {
    this.#emitter.on("message", handler);
  }

  async close() {
    this.#emitter.removeAllListeners();
  }
}

const CHANNEL = "agora:bus";

/** Many nodes: Redis pub/sub (a subscribed connection can't publish, hence two). */
export class RedisBus implements EventBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #handlers: ((message: BusMessage) => void)[] = [];

  private constructor(url: string) {
    this.#pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.#sub = new Redis(url, { lazyConnect: true });
    this.#sub.on("message", (_channel: string, raw: string) => {
      const message = JSON.parse(raw) as BusMessage;
      for (const h of this.#handlers) h(message);
    });
  }

  static async connect(url: string): Promise<RedisBus> {
    const bus = new RedisBus(url);
    await Promise.all([bus.#pub.connect(), bus.#sub.connect()]);
    await bus.#sub.subscribe(CHANNEL);
    return bus;
  }

  async publish(message: BusMessage) {
    await this.#pub.publish(CHANNEL, JSON.stringify(message));
  }

  subscribe(handler: (message: BusMessage) => void) {
    this.#handlers.push(handler);
  }

  async close() {
    this.#sub.disconnect();
    this.#pub.disconnect();
  }
}

export async function createBus(redisUrl: string | undefined): Promise<EventBus> {
  return redisUrl ? RedisBus.connect(redisUrl) : new InProcessBus();
}

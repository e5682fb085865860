import type { Message } from "@agora/protocol/messaging";
import { backoffDelay } from "../../realtime/backoff.ts";

/** What a person sends from the composer (server-made kinds are not in it). */
export type OutgoingKind = "text" | "image" | "voice" | "file" | "sticker";

/** A message composed on this device that the server has not confirmed yet. */
export interface OutboxItem {
  /** Chosen when composed; the server answers the same message for the same clientId. */
  clientId: string;
  conversationId: string;
  kind: OutgoingKind;
  text?: string | undefined;
  mediaId?: string | undefined;
  payload?: Record<string, unknown> | undefined;
  createdAt: string;
  /** Set when the server refused it for good (a 4xx): shown with Retry and Delete. */
  error?: string | undefined;
}

export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: readonly OutboxItem[]): void;
}

export interface OutboxDeps {
  storage: OutboxStorage;
  send(item: OutboxItem): Promise<Message>;
  /** Whether a failure may pass by itself (network down, server restarting), so trying again makes sense. */
  isTransient(err: unknown): boolean;
  /** The error code to keep on a refused item. */
  codeOf(err: unknown): string;
  onSent(item: OutboxItem, message: Message): void;
  /** Tests pass a fake clock. */
  setTimer?: ((fn: () => void, ms: number) => unknown) | undefined;
  clearTimer?: ((handle: unknown) => void) | undefined;
}

/**
 * The messages a person sent that the server has not confirmed. Every item is persisted
 * before the first attempt, so a closed tab or a reload loses nothing; items of one
 * conversation go out one at a time, in order; a transient failure stops that conversation's
 * queue until `flush()` is called again (socket synced, `online`) or a backoff timer fires.
 * Sending again is safe: the server is idempotent by clientId.
 */
export class Outbox {
  #items: OutboxItem[];
  readonly #listeners = new Set<() => void>();
  readonly #running = new Map<string, Promise<void>>();
  /** Conversations whose queue was asked to flush while it was already sending. */
  readonly #again = new Set<string>();
  #failures = 0;
  #retryTimer: unknown;

  constructor(private readonly deps: OutboxDeps) {
    this.#items = deps.storage.load();
  }

  /** The current items, oldest first; a new array after every change (for useSyncExternalStore). */
  get items(): readonly OutboxItem[] {
    return this.#items;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Saves the item, shows it as pending, and starts sending. */
  enqueue(item: OutboxItem): void {
    this.#set([...this.#items, item]);
    void this.flush();
  }

  /** The server has this message (its answer, or a message.new carrying the clientId). */
  acknowledge(clientId: string): void {
    if (this.#items.some((i) => i.clientId === clientId)) {
      this.#set(this.#items.filter((i) => i.clientId !== clientId));
    }
  }

  retry(clientId: string): void {
    this.#set(this.#items.map((i) => (i.clientId === clientId ? { ...i, error: undefined } : i)));
    void this.flush();
  }

  discard(clientId: string): void {
    this.acknowledge(clientId);
  }

  /** Another tab changed the stored outbox: take its view. */
  reload(): void {
    this.#set(this.deps.storage.load(), false);
    void this.flush();
  }

  /** Sends what is waiting, one conversation queue at a time each; resolves when all stopped. */
  async flush(): Promise<void> {
    this.deps.clearTimer?.(this.#retryTimer);
    const conversations = [...new Set(this.#items.filter((i) => !i.error).map((i) => i.conversationId))];
    await Promise.all(conversations.map((id) => this.#drain(id)));
  }

  #drain(conversationId: string): Promise<void> {
    const running = this.#running.get(conversationId);
    if (running) {
      this.#again.add(conversationId);
      return running;
    }
    const done = this.#sendAll(conversationId).finally(() => this.#running.delete(conversationId));
    this.#running.set(conversationId, done);
    return done;
  }

  async #sendAll(conversationId: string): Promise<void> {
    for (;;) {
      const item = this.#items.find((i) => i.conversationId === conversationId && !i.error);
      if (!item) return;
      this.#again.delete(conversationId);
      try {
        const message = await this.deps.send(item);
        this.#failures = 0;
        this.acknowledge(item.clientId);
        this.deps.onSent(item, message);
      } catch (err) {
        if (!this.deps.isTransient(err)) {
          const code = this.deps.codeOf(err);
          this.#set(this.#items.map((i) => (i.clientId === item.clientId ? { ...i, error: code } : i)));
        } else if (!this.#again.has(conversationId)) {
          // Asked to flush while this attempt was failing (back online): try once more now.
          this.#scheduleRetry();
          return;
        }
      }
    }
  }

  #scheduleRetry() {
    if (!this.deps.setTimer) return;
    this.deps.clearTimer?.(this.#retryTimer);
    this.#retryTimer = this.deps.setTimer(() => void this.flush(), backoffDelay(this.#failures));
    this.#failures += 1;
  }

  #set(items: OutboxItem[], persist = true) {
    this.#items = items;
    if (persist) this.deps.storage.save(items);
    for (const listener of [...this.#listeners]) listener();
  }
}

/** The outbox of one user in localStorage: survives reloads and crashes, shared by the user's tabs. */
export function localOutboxStorage(userId: string): OutboxStorage & { key: string } {
  const key = `agora.outbox.${userId}`;
  return {
    key,
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
        return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        localStorage.setItem(key, JSON.stringify(items));
      } catch (err) {
        // Quota exceeded: the message still goes out from memory; say so in the console.
        console.error("outbox could not be saved", err);
      }
    },
  };
}

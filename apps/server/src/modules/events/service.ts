import type { DurableEventPayload, DurableEventType, EphemeralFrame } from "@agora/protocol/realtime";
import { sql } from "kysely";
import type { BusMessage, Delivery, EventBus } from "../../platform/bus.ts";
import type { Db, Tx } from "../../platform/db.ts";

/** Records a durable event for each user, inside the caller's transaction. */
export type Emit = <T extends DurableEventType>(
  userIds: readonly string[],
  type: T,
  payload: DurableEventPayload<T>,
) => Promise<void>;

/**
 * Renders the payloads of events stored by reference (`user_events.ref_id`), for replay: the
 * payload of each id it is given, in one read. An id it cannot render is left out, and its event
 * replays with the stored payload (`{}`), so the user's sequence keeps no gap.
 */
export type ReferenceResolver = (ids: string[]) => Promise<Map<string, object>>;

export interface StoredEvent {
  eventSeq: number;
  frame: string;
}

/** The JSON frame of a durable event, as sockets receive it and replay returns it. */
export function frameOf(type: string, eventSeq: number, createdAt: Date, payload: object): string {
  return JSON.stringify({ type, eventSeq, createdAt: createdAt.toISOString(), ...payload });
}

/**
 * `frameOf` for one event that many users receive, each under their own eventSeq: the payload is
 * serialized once, not once per member (the same string, key for key).
 */
export function framesOf(type: string, createdAt: Date, payload: object): (eventSeq: number) => string {
  const head = `{"type":${JSON.stringify(type)},"eventSeq":`;
  const body = JSON.stringify(payload);
  const tail = `,"createdAt":${JSON.stringify(createdAt.toISOString())}${body === "{}" ? "}" : `,${body.slice(1)}`}`;
  return (eventSeq) => head + eventSeq + tail;
}

/**
 * Each user's durable, gap-free event inbox (the seqsvr design): an event is written in the
 * same transaction as the change it reports, so what committed is replayable, and is published
 * to live sockets only after the commit.
 */
export class EventsService {
  readonly #resolvers = new Map<string, ReferenceResolver>();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  /** The module that stores events of `type` by reference renders them at replay. */
  resolveReferences(type: string, resolver: ReferenceResolver) {
    this.#resolvers.set(type, resolver);
  }

  /** Runs `fn` in a transaction; what it emits is stored with it and published once it commits. */
  async transaction<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
    const deliveries: Delivery[] = [];
    const result = await this.db.transaction().execute(async (tx) => {
      const emit: Emit = async (userIds, type, payload) => {
        deliveries.push(...(await this.append(tx, userIds, type, payload)));
      };
      return fn(tx, emit);
    });
    if (deliveries.length > 0) await this.bus.publish({ kind: "deliver", deliveries });
    return result;
  }

  /** Stores one event per user and returns the frames to deliver (after the commit). */
  async append(tx: Tx, userIds: readonly string[], type: string, payload: object): Promise<Delivery[]> {
    // Sorted and distinct, so concurrent appends lock users' head rows in one global order.
    const ids = [...new Set(userIds)].sort();
    if (ids.length === 0) return [];
    const json = JSON.stringify(payload);
    const { rows } = await sql<{ user_id: string; event_seq: number; created_at: Date }>`
      with heads as (
        insert into user_event_heads (user_id, last_event_seq)
        select id, 1 from unnest(${ids}::uuid[]) with ordinality as t(id, n) order by n
        on conflict (user_id) do update set last_event_seq = user_event_heads.last_event_seq + 1
        returning user_id, last_event_seq
      )
      insert into user_events (user_id, event_seq, type, payload)
      select user_id, last_event_seq, ${type}, ${json}::jsonb from heads
      returning user_id, event_seq, created_at`.execute(tx);
    return rows.map((r) => ({
      userId: r.user_id,
      eventSeq: Number(r.event_seq),
      frame: frameOf(type, Number(r.event_seq), r.created_at, payload),
    }));
  }

  /** Hands frames of committed events to the bus (for writers that store events themselves). */
  async publish(deliveries: Delivery[]) {
    if (deliveries.length > 0) await this.bus.publish({ kind: "deliver", deliveries });
  }

  /** Events after `afterEventSeq`, in order, at most `limit`. */
  async since(userId: string, afterEventSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom("user_events")
      .select(["event_seq", "type", "payload", "ref_id", "created_at"])
      .where("user_id", "=", userId)
      .where("event_seq", ">", afterEventSeq)
      .orderBy("event_seq")
      .limit(limit)
      .execute();
    const resolved = await this.#resolve(rows);
    return rows.map((r) => ({
      eventSeq: Number(r.event_seq),
      frame: frameOf(
        r.type,
        Number(r.event_seq),
        r.created_at,
        (r.ref_id === null ? undefined : resolved.get(r.type)?.get(r.ref_id)) ?? r.payload,
      ),
    }));
  }

  /** Each type's referenced rows, rendered by its resolver in one call per type. */
  async #resolve(rows: { type: string; ref_id: string | null }[]) {
    const idsByType = new Map<string, string[]>();
    for (const r of rows) {
      if (r.ref_id === null) continue;
      const ids = idsByType.get(r.type) ?? [];
      ids.push(r.ref_id);
      idsByType.set(r.type, ids);
    }
    const resolved = new Map<string, Map<string, object>>();
    for (const [type, ids] of idsByType) {
      const resolver = this.#resolvers.get(type);
      if (!resolver) throw new Error(`No resolver for ${type} events stored by reference`);
      resolved.set(type, await resolver(ids));
    }
    return resolved;
  }

  async head(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("user_event_heads")
      .select("last_event_seq")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(row?.last_event_seq ?? 0);
  }

  /** Frames that are never stored (typing): best effort, to whoever is connected now. */
  async ephemeral(userIds: readonly string[], frame: EphemeralFrame) {
    const text = JSON.stringify(frame);
    await this.bus.publish({
      kind: "deliver",
      deliveries: userIds.map((userId) => ({ userId, frame: text })),
    });
  }

  async control(message: BusMessage) {
    await this.bus.publish(message);
  }
}

import { sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { RedPacketRow, RedPacketShareRow } from "./red-packets-schema.ts";

/** Red packets' queries, and the only place that touches their tables. */
export class RedPacketsRepo {
  constructor(private readonly db: Executor) {}

  async insert(
    packet: {
      id: string;
      sender_id: string;
      conversation_id: string;
      recipient_id: string | null;
      message_id: string;
      mode: "random" | "equal";
      currency: string;
      total: number;
      count: number;
      greeting: string | null;
      expires_at: Date;
    },
    shares: readonly number[],
  ) {
    await this.db.insertInto("red_packets").values(packet).execute();
    await this.db
      .insertInto("red_packet_shares")
      .values(shares.map((amount, seq) => ({ red_packet_id: packet.id, seq, amount })))
      .execute();
  }

  packet(id: string): Promise<RedPacketRow | undefined> {
    return this.db.selectFrom("red_packets").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Locks the packet: claims and the refund of one packet happen one at a time. */
  packetForUpdate(id: string): Promise<RedPacketRow | undefined> {
    return this.db.selectFrom("red_packets").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  }

  claimedShares(packetId: string): Promise<RedPacketShareRow[]> {
    return this.db
      .selectFrom("red_packet_shares")
      .selectAll()
      .where("red_packet_id", "=", packetId)
      .where("claimed_by", "is not", null)
      .orderBy("claimed_at")
      .orderBy("seq")
      .execute();
  }

  shareOf(packetId: string, userId: string): Promise<RedPacketShareRow | undefined> {
    return this.db
      .selectFrom("red_packet_shares")
      .selectAll()
      .where("red_packet_id", "=", packetId)
      .where("claimed_by", "=", userId)
      .executeTakeFirst();
  }

  /** Hands the next share (by seq) to `userId`; the packet must be locked and have one left. */
  async claimNext(packet: RedPacketRow, userId: string, at: Date): Promise<RedPacketShareRow> {
    const share = await this.db
      .updateTable("red_packet_shares")
      .set({ claimed_by: userId, claimed_at: at })
      .where("red_packet_id", "=", packet.id)
      .where("seq", "=", Number(packet.claimed_count))
      .where("claimed_by", "is", null)
      .returningAll()
      .executeTakeFirstOrThrow();
    const claimedCount = Number(packet.claimed_count) + 1;
    await this.db
      .updateTable("red_packets")
      .set({
        claimed_count: claimedCount,
        claimed_amount: sql`claimed_amount + ${share.amount}`,
        status: claimedCount === Number(packet.count) ? "finished" : "open",
      })
      .where("id", "=", packet.id)
      .execute();
    return share;
  }

  /**
   * The oldest open packet past its expiry, locked; packets another node is refunding right
   * now are skipped, so several sweepers share the work without waiting on one another.
   */
  nextExpired(now: Date): Promise<RedPacketRow | undefined> {
    return this.db
      .selectFrom("red_packets")
      .selectAll()
      .where("status", "=", "open")
      .where("expires_at", "<=", now)
      .orderBy("expires_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  markRefunded(id: string, amount: number) {
    return this.db
      .updateTable("red_packets")
      .set({ status: "refunded", refunded_amount: amount })
      .where("id", "=", id)
      .execute();
  }
}

import type { User } from "@agora/protocol/identity";
import {
  type ClaimResult,
  RED_PACKET_TTL_MS,
  type RedPacket,
  type RedPacketCardPayload,
  type RedPacketMode,
  type RedPacketStatus,
} from "@agora/protocol/red-packets";
import type { Amount } from "@agora/protocol/wallet";
import type { Db } from "../../platform/db.ts";
import { Conflict, Forbidden, NotFound, Unprocessable } from "../../platform/errors.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { MessagingService } from "../messaging/service.ts";
import type { AccountRef } from "./ledger.ts";
import { userAccount } from "./ledger.ts";
import { RedPacketsRepo } from "./red-packets-repo.ts";
import type { RedPacketRow, RedPacketShareRow } from "./red-packets-schema.ts";
import { cryptoDraw, type Draw, equalSplit, randomSplit } from "./red-packets-split.ts";
import type { WalletService } from "./service.ts";

/** How often a node looks for expired packets to refund, and how many it refunds per look. */
export const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * A packet's own escrow account (its id is the packet's): the unclaimed money of one packet.
 * Its balance can't go below zero (the ledger's CHECK), so claims can never pay out more than
 * the total, and packets don't contend for one shared escrow row.
 */
export function packetEscrow(packetId: string): AccountRef {
  return { id: packetId, kind: "escrow", userId: null };
}

export interface SendRedPacketInput {
  conversationId: string;
  total: Amount;
  count: number;
  mode: RedPacketMode;
  greeting?: string | undefined;
  pin: string;
}

/** What red packets need from other modules (their services, never their tables). */
export interface RedPacketDeps {
  identity: { getUsers(ids: readonly string[]): Promise<User[]> };
  contacts: { blockedEitherWay(a: string, b: string): Promise<boolean> };
  messaging: Pick<MessagingService, "membership" | "postServiceMessage">;
}

/**
 * Red packets on the wallet's ledger: sending moves the total from the sender's wallet to the
 * packet's escrow account and posts the `red_packet` message in one transaction; each claim
 * moves one precomputed share from escrow to the claimer; after 24 hours the rest goes back.
 * Every movement goes through `WalletService.moneyMutation` (docs/wallet.md).
 */
export class RedPacketsService {
  readonly #repo: RedPacketsRepo;
  #sweeping: Promise<number> | null = null;

  constructor(
    db: Db,
    private readonly wallet: WalletService,
    private readonly deps: RedPacketDeps,
    private readonly draw: Draw = cryptoDraw,
  ) {
    this.#repo = new RedPacketsRepo(db);
  }

  async send(
    meId: string,
    input: SendRedPacketInput,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<RedPacket> {
    const { pin, ...fingerprint } = input;
    const greeting = input.greeting?.trim() || null;
    const total = input.total.amount;
    let recipientId: string | null = null;
    const id = newId();
    const { result } = await this.wallet.moneyMutation(
      {
        userId: meId,
        idempotencyKey,
        scope: "red_packet.create",
        request: fingerprint,
        authorize: async () => {
          this.wallet.assertCurrency(input.total);
          const conv = await this.deps.messaging.membership(meId, input.conversationId);
          if (!conv) throw new NotFound("conversation", "conversation_not_found");
          if (total < input.count) {
            throw new Unprocessable("red_packet_too_small", "Each share needs at least one minor unit.");
          }
          if (conv.type === "direct") {
            recipientId = conv.memberIds.find((m) => m !== meId) ?? null;
            if (input.count !== 1) {
              throw new Unprocessable("too_many_shares", "A red packet in a direct chat has one share.");
            }
            if (recipientId && (await this.deps.contacts.blockedEitherWay(meId, recipientId))) {
              throw new Forbidden("blocked", "You can't send this person a red packet.");
            }
          } else if (input.count > conv.memberIds.length) {
            throw new Unprocessable("too_many_shares", "More shares than the group has members.");
          }
          this.wallet.assertPaymentRate(meId);
          await this.wallet.verifyPin(meId, pin);
        },
      },
      async (tx, ledger, emit) => {
        const shares =
          input.mode === "equal"
            ? equalSplit(total, input.count, this.draw)
            : randomSplit(total, input.count, this.draw);
        await ledger.post({
          kind: "red_packet",
          refId: id,
          conversationId: input.conversationId,
          note: greeting,
          createdBy: meId,
          postings: [
            { account: userAccount(meId), amount: -total, counterpartyUserId: recipientId },
            { account: packetEscrow(id), amount: total, counterpartyUserId: meId },
          ],
        });
        const card: RedPacketCardPayload = {
          redPacketId: id,
          greeting,
          mode: input.mode,
          count: input.count,
          total: this.#money(total),
        };
        const message = await this.deps.messaging.postServiceMessage(tx, emit, {
          conversationId: input.conversationId,
          senderId: meId,
          memberIds: [meId],
          kind: "red_packet",
          payload: card,
          clientId: `red_packet:${id}`,
        });
        await new RedPacketsRepo(tx).insert(
          {
            id,
            sender_id: meId,
            conversation_id: input.conversationId,
            recipient_id: recipientId,
            message_id: message.id,
            mode: input.mode,
            currency: this.wallet.currency,
            total,
            count: input.count,
            greeting,
            expires_at: new Date(now.getTime() + RED_PACKET_TTL_MS),
          },
          shares,
        );
        return { redPacketId: id };
      },
    );
    return this.view(meId, result.redPacketId, now);
  }

  /**
   * Takes the next precomputed share, under the packet's row lock: one claim per member (also
   * a unique index), never more than the shares, never after expiry.
   */
  async claim(
    meId: string,
    packetId: string,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<ClaimResult> {
    const packet = isId(packetId) ? await this.#repo.packet(packetId) : undefined;
    const conv = packet ? await this.deps.messaging.membership(meId, packet.conversation_id) : null;
    if (!packet || !conv) throw new NotFound("red packet", "red_packet_not_found");
    const { result } = await this.wallet.moneyMutation(
      { userId: meId, idempotencyKey, scope: "red_packet.claim", request: { packetId } },
      async (tx, ledger, emit) => {
        const repo = new RedPacketsRepo(tx);
        const locked = await repo.packetForUpdate(packetId);
        if (!locked) throw new NotFound("red packet", "red_packet_not_found");
        if (locked.recipient_id !== null && locked.recipient_id !== meId) {
          throw new Forbidden("sender_cannot_claim", "In a direct chat, only the other person can open it.");
        }
        if (await repo.shareOf(packetId, meId)) {
          throw new Conflict("already_claimed", "You already opened this red packet.");
        }
        if (locked.status === "refunded" || locked.expires_at <= now) {
          throw new Unprocessable("red_packet_expired", "This red packet expired after 24 hours.");
        }
        if (locked.status === "finished" || Number(locked.claimed_count) >= Number(locked.count)) {
          throw new Unprocessable("red_packet_empty", "Every share of this red packet was claimed.");
        }
        const share = await repo.claimNext(locked, meId, now);
        const amount = Number(share.amount);
        await ledger.post({
          kind: "red_packet_claim",
          refId: packetId,
          conversationId: locked.conversation_id,
          createdBy: meId,
          postings: [
            { account: packetEscrow(packetId), amount: -amount, counterpartyUserId: meId },
            { account: userAccount(meId), amount, counterpartyUserId: locked.sender_id },
          ],
        });
        const claimedCount = Number(locked.claimed_count) + 1;
        await emit([locked.sender_id, ...conv.memberIds], "red_packet.claimed", {
          redPacketId: packetId,
          conversationId: locked.conversation_id,
          userId: meId,
          amount: this.#money(amount),
          claimedCount,
          count: Number(locked.count),
          status: claimedCount === Number(locked.count) ? "finished" : "open",
        });
        return { amount };
      },
    );
    return { amount: this.#money(result.amount), redPacket: await this.view(meId, packetId, now) };
  }

  /** Details for the sender and the conversation's members (404 for anyone else). */
  async view(meId: string, packetId: string, now = new Date()): Promise<RedPacket> {
    const row = isId(packetId) ? await this.#repo.packet(packetId) : undefined;
    if (!row) throw new NotFound("red packet", "red_packet_not_found");
    if (row.sender_id !== meId && !(await this.deps.messaging.membership(meId, row.conversation_id))) {
      throw new NotFound("red packet", "red_packet_not_found");
    }
    const shares = await this.#repo.claimedShares(packetId);
    const users = new Map(
      (await this.deps.identity.getUsers([row.sender_id, ...shares.map((s) => s.claimed_by ?? "")])).map(
        (u) => [u.id, u],
      ),
    );
    const status = statusOf(row, now);
    const best =
      status === "finished" && row.mode === "random" && shares.length > 1 ? bestShare(shares) : null;
    const mine = shares.find((s) => s.claimed_by === meId);
    const sender = users.get(row.sender_id);
    if (!sender) throw new NotFound("red packet", "red_packet_not_found");
    return {
      id: row.id,
      conversationId: row.conversation_id,
      messageId: row.message_id ?? "",
      sender,
      total: this.#money(Number(row.total)),
      count: Number(row.count),
      mode: row.mode,
      greeting: row.greeting,
      claimedCount: Number(row.claimed_count),
      claimedAmount: this.#money(Number(row.claimed_amount)),
      claims: shares.flatMap((s) => {
        const user = s.claimed_by ? users.get(s.claimed_by) : undefined;
        if (!user || !s.claimed_at) return [];
        return [
          {
            user,
            amount: this.#money(Number(s.amount)),
            claimedAt: s.claimed_at.toISOString(),
            ...(best ? { best: s === best } : {}),
          },
        ];
      }),
      myClaim:
        mine?.claimed_at != null
          ? { amount: this.#money(Number(mine.amount)), claimedAt: mine.claimed_at.toISOString() }
          : null,
      canClaim: status === "open" && !mine && (row.recipient_id === null || row.recipient_id === meId),
      status,
      refunded: row.refunded_amount === null ? null : this.#money(Number(row.refunded_amount)),
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /**
   * Returns what nobody claimed of every packet expired by `now` to its sender, one packet per
   * transaction (locked with SKIP LOCKED: several nodes share the work). Answers how many
   * packets it closed. Tests call it with a fake `now`; the sweeper calls it every minute.
   */
  async refundExpired(now = new Date(), max = SWEEP_BATCH): Promise<number> {
    let done = 0;
    while (done < max) {
      const { result } = await this.wallet.moneyMutation(
        { userId: "", scope: "red_packet.refund" },
        async (tx, ledger, emit) => {
          const repo = new RedPacketsRepo(tx);
          const row = await repo.nextExpired(now);
          if (!row) return null;
          const rest = Number(row.total) - Number(row.claimed_amount);
          if (rest > 0) {
            await ledger.post({
              kind: "red_packet_refund",
              refId: row.id,
              conversationId: row.conversation_id,
              createdBy: row.sender_id,
              postings: [
                { account: packetEscrow(row.id), amount: -rest, counterpartyUserId: null },
                { account: userAccount(row.sender_id), amount: rest, counterpartyUserId: null },
              ],
            });
          }
          await repo.markRefunded(row.id, rest);
          await emit([row.sender_id], "red_packet.refunded", {
            redPacketId: row.id,
            conversationId: row.conversation_id,
            amount: this.#money(rest),
          });
          return row.id;
        },
      );
      if (result === null) break;
      done++;
    }
    return done;
  }

  /** Refunds expired packets every `intervalMs` until the returned stop() (which awaits a sweep in flight). */
  startSweeper(intervalMs = SWEEP_INTERVAL_MS, onError: (err: unknown) => void = () => {}) {
    const timer = setInterval(() => {
      if (this.#sweeping) return;
      this.#sweeping = this.refundExpired()
        .catch((err) => {
          onError(err);
          return 0;
        })
        .finally(() => {
          this.#sweeping = null;
        });
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.#sweeping;
    };
  }

  #money(amount: number) {
    return { amount, currency: this.wallet.currency };
  }
}

function statusOf(row: RedPacketRow, now: Date): RedPacketStatus {
  if (row.status === "finished") return "finished";
  if (row.status === "refunded" || row.expires_at <= now) return "expired";
  return "open";
}

/** The luckiest share: the largest, the earliest claimed among equals. */
function bestShare(shares: RedPacketShareRow[]): RedPacketShareRow | null {
  let best: RedPacketShareRow | null = null;
  for (const s of shares) if (!best || Number(s.amount) > Number(best.amount)) best = s;
  return best;
}

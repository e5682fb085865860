import { type ClaimResult, type RedPacket, redPacketRoutes } from "@agora/protocol/red-packets";
import { IDEMPOTENCY_HEADER } from "@agora/protocol/wallet";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { call } from "../../api/client.ts";
import { Attempt, withoutPin } from "./attempt.ts";
import { refreshWallet } from "./wallet-queries.ts";

export const redPacketKey = (id: string) => ["red-packet", id] as const;

/** A red packet's details; `red_packet.claimed` events refetch it. */
export function useRedPacket(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: redPacketKey(id),
    queryFn: () => call(redPacketRoutes.get, { params: { id } }),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export type SendRedPacketInput = {
  conversationId: string;
  total: { amount: number; currency: string };
  count: number;
  mode: "random" | "equal";
  greeting?: string | undefined;
  pin: string;
};

/** Sending one: the total leaves the wallet at once. One idempotency key per attempt. */
export function useSendRedPacket() {
  const qc = useQueryClient();
  const attempt = useRef(new Attempt());
  return useMutation({
    mutationFn: (body: SendRedPacketInput) =>
      call(redPacketRoutes.send, {
        body: { ...body, greeting: body.greeting || undefined },
        headers: { [IDEMPOTENCY_HEADER]: attempt.current.keyFor(withoutPin(body)) },
      }),
    onSuccess: (packet: RedPacket) => {
      attempt.current.settle();
      qc.setQueryData(redPacketKey(packet.id), packet);
    },
    onError: (err) => attempt.current.settle(err),
    onSettled: () => refreshWallet(qc),
  });
}

/** Claiming my share: a claim is once per person on the server, so no key is needed. */
export function useClaimRedPacket(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(redPacketRoutes.claim, { params: { id } }),
    onSuccess: (result: ClaimResult) => qc.setQueryData(redPacketKey(id), result.redPacket),
    onError: () => qc.invalidateQueries({ queryKey: redPacketKey(id) }),
    onSettled: () => refreshWallet(qc),
  });
}

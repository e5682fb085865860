import { useQueryClient } from "@tanstack/react-query";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";
import { redPacketKey } from "./red-packet-queries.ts";
import { applyBalance, refreshWallet } from "./wallet-queries.ts";

/** Wallet events into the caches: the balance moves live, red packets show who opened them. */
export function useWalletEvents(): void {
  const qc = useQueryClient();
  useRealtimeEvent("wallet.updated", ({ balance }) => applyBalance(qc, balance));
  useRealtimeEvent("red_packet.claimed", ({ redPacketId }) =>
    qc.invalidateQueries({ queryKey: redPacketKey(redPacketId) }),
  );
  useRealtimeEvent("red_packet.refunded", ({ redPacketId }) => {
    void qc.invalidateQueries({ queryKey: redPacketKey(redPacketId) });
    void refreshWallet(qc);
  });
}

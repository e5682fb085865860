import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/query-keys.ts";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";

/** Requests and contacts change when others act: the socket says so, no polling needed. */
export function useContactEvents(): void {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: queryKeys.contacts });
    void qc.invalidateQueries({ queryKey: queryKeys.requests });
  };
  useRealtimeEvent("contact.request", refresh);
  useRealtimeEvent("contact.accepted", refresh);
  useRealtimeEvent("contact.removed", refresh);
  useRealtimeEvent("synced", ({ fresh }) => {
    if (fresh) refresh();
  });
}

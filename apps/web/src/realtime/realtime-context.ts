import { createContext, use, useEffect, useRef, useSyncExternalStore } from "react";
import type { ConnectionState, RealtimeClient, RealtimeEvents } from "./realtime-client.ts";

export const RealtimeContext = createContext<RealtimeClient | null>(null);

/** The tab's realtime client (inside RealtimeProvider). */
export function useRealtime(): RealtimeClient {
  const client = use(RealtimeContext);
  if (!client) throw new Error("useRealtime() outside RealtimeProvider");
  return client;
}

export function useConnectionState(): ConnectionState {
  const client = useRealtime();
  return useSyncExternalStore(
    (onChange) => client.events.on("state", onChange),
    () => client.state,
  );
}

/** Calls the latest `handler` for each event of that name while the component is mounted. */
export function useRealtimeEvent<K extends keyof RealtimeEvents>(
  name: K,
  handler: (payload: RealtimeEvents[K]) => void,
): void {
  const client = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => client.events.on(name, (payload) => latest.current(payload)), [client, name]);
}

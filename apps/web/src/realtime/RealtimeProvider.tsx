import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { queryKeys } from "../api/query-keys.ts";
import { RealtimeClient } from "./realtime-client.ts";
import { RealtimeContext } from "./realtime-context.ts";

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** One socket for the signed-in user, open while any signed-in screen is. */
export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [client] = useState(
    () =>
      new RealtimeClient({
        userId,
        storage: storage(),
        // The session ended elsewhere: asking who I am sends every screen back to Welcome.
        onSignedOut: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      }),
  );
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}

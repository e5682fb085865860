import { messagingRoutes } from "@agora/protocol/messaging";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { ApiError, call, NETWORK_ERROR } from "../../api/client.ts";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";
import { applyMessage } from "./chat-cache.ts";
import { localOutboxStorage, Outbox } from "./outbox.ts";
import { OutboxContext } from "./outbox-context.ts";
import { UploadsContext, useUploadsStore } from "./use-uploads.ts";

function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.code === NETWORK_ERROR || err.status === 0 || err.status === 429 || err.status >= 500;
}

/** The user's outbox: loaded from storage, flushed at start, on `online` and after each sync. */
export function OutboxProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const qc = useQueryClient();
  const [outbox] = useState(() => {
    const storage = localOutboxStorage(userId);
    return Object.assign(
      new Outbox({
        storage,
        send: (item) =>
          call(messagingRoutes.sendMessage, {
            params: { id: item.conversationId },
            body: {
              clientId: item.clientId,
              kind: item.kind,
              text: item.text,
              mediaId: item.mediaId,
              payload: item.payload,
            },
          }),
        isTransient,
        codeOf: (err) => (err instanceof ApiError ? err.code : "unknown_error"),
        onSent: (_item, message) => applyMessage(qc, userId, message),
        setTimer: (fn, ms) => setTimeout(fn, ms),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      }),
      { storageKey: storage.key },
    );
  });

  useEffect(() => {
    void outbox.flush();
    const onOnline = () => void outbox.flush();
    // Another tab of mine queued or sent something.
    const onStorage = (event: StorageEvent) => {
      if (event.key === outbox.storageKey) outbox.reload();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("storage", onStorage);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("storage", onStorage);
    };
  }, [outbox]);

  // Back in sync with the server: whatever is still queued goes out now.
  useRealtimeEvent("synced", () => void outbox.flush());
  useRealtimeEvent("message.new", ({ message }) => {
    if (message.senderId === userId) outbox.acknowledge(message.clientId);
  });

  return (
    <OutboxContext value={outbox}>
      <UploadsProvider>{children}</UploadsProvider>
    </OutboxContext>
  );
}

/** Uploads in progress, for all chats: they go on while the person moves between screens. */
function UploadsProvider({ children }: { children: ReactNode }) {
  const store = useUploadsStore();
  return <UploadsContext value={store}>{children}</UploadsContext>;
}

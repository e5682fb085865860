import { createContext, use, useSyncExternalStore } from "react";
import type { Outbox, OutboxItem } from "./outbox.ts";

export const OutboxContext = createContext<Outbox | null>(null);

export function useOutbox(): Outbox {
  const outbox = use(OutboxContext);
  if (!outbox) throw new Error("useOutbox() outside OutboxProvider");
  return outbox;
}

/** The unconfirmed messages, re-rendering on every change. */
export function useOutboxItems(): readonly OutboxItem[] {
  const outbox = useOutbox();
  return useSyncExternalStore(
    (onChange) => outbox.subscribe(onChange),
    () => outbox.items,
  );
}

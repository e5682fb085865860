import { useLocation } from "react-router";

/** Where the back arrow leads: the screen that linked here (`state.from`), else `fallback`. */
export function useBackTo(fallback: string): string {
  const state = useLocation().state as { from?: unknown } | null;
  return typeof state?.from === "string" ? state.from : fallback;
}

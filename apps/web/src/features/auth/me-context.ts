import type { User } from "@agora/protocol/identity";
import { createContext, use } from "react";

/**
 * The signed-in user, provided by RequireAuth. A context rather than the query itself: while
 * signing out, screens keep the last user until RequireAuth unmounts them.
 */
export const MeContext = createContext<User | null>(null);

export function useMe(): User {
  const me = use(MeContext);
  if (!me) throw new Error("useMe() outside a signed-in screen");
  return me;
}

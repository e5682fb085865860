/**
 * Where to go after signing in, from `?next=`: only a path of this app (one leading slash),
 * so a crafted link can't send a person to another site.
 */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  try {
    const resolved = new URL(next, "https://agora.invalid");
    return resolved.origin === "https://agora.invalid" ? resolved.pathname + resolved.search : null;
  } catch {
    return null;
  }
}

/** `path` carrying where to return after signing in or up (a deep link opened signed out). */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

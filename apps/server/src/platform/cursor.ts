import { BadRequest } from "./errors.ts";

/** Keyset cursors are opaque to clients: the last row's sort key, as base64url JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === "") return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === "string" || typeof k === "number")
    ) {
      return key;
    }
  } catch {
    // falls through to the same answer as any other malformed cursor
  }
  throw new BadRequest("invalid_cursor", "The cursor is not one this server gave out.");
}

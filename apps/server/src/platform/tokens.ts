import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: for session tokens and other bearer secrets. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Secrets are stored only as their SHA-256, so a leaked table opens no session. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

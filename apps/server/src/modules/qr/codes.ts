import { randomBytes } from "node:crypto";
import { QR_PATH_PREFIX } from "@agora/protocol/qr";
import QRCode from "qrcode";

/**
 * 128 random bits, base64url (22 characters): unguessable, and short enough that the code
 * stays a coarse, easily scanned grid.
 */
export function newQrToken(): string {
  return randomBytes(16).toString("base64url");
}

const TOKEN_PATH = /\/q\/([A-Za-z0-9_-]{16,64})\/?$/;

/** What every code encodes: the web app's `/q/<token>`, so a phone camera opens the app too. */
export function qrUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${QR_PATH_PREFIX}${token}`;
}

/**
 * The token of a scanned URL. The host is not checked (a deployment may be reached by several
 * names, and the token alone decides); the path must end in `/q/<token>`.
 */
export function tokenOf(url: string, base: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return TOKEN_PATH.exec(parsed.pathname)?.[1] ?? null;
}

/** The code drawn as a standalone SVG document: medium error correction, a 4-module quiet zone. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}

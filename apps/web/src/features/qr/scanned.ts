import { QR_PATH_PREFIX } from "@agora/protocol/qr";

/** What a decoded QR code holds, before asking the server anything. */
export type Scanned =
  /** An Agora code (`https://<host>/q/<token>`): the server says what it is. */
  | { kind: "agora"; url: string }
  /** Another web address: shown, opened only when the person asks. */
  | { kind: "link"; url: string }
  /** Anything else (a Wi-Fi code, plain text): shown as text. */
  | { kind: "text"; text: string };

/** One path segment: the token format is the server's business. */
const TOKEN = /^[^/]{1,512}$/;

/** Reads a decoded QR payload. Only http(s) counts as a link; `javascript:` and friends are text. */
export function classifyScan(raw: string): Scanned {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: "text", text: raw };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { kind: "text", text: raw };
  if (url.pathname.startsWith(QR_PATH_PREFIX) && TOKEN.test(url.pathname.slice(QR_PATH_PREFIX.length))) {
    return { kind: "agora", url: url.href };
  }
  return { kind: "link", url: url.href };
}

/** The code URL a `/q/<token>` page of this app stands for. */
export function codeUrlFor(token: string, origin: string): string {
  return `${origin}${QR_PATH_PREFIX}${encodeURIComponent(token)}`;
}

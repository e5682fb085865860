/** A piece of message text: plain, or a link the app may open. */
export type TextPart = { type: "text"; text: string } | { type: "link"; text: string; href: string };

// http(s) URLs and bare www. addresses; the rest of the text stays text.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
// Punctuation that ends a sentence rather than the address ("see https://x.org/a.").
const TRAILING = /[.,;:!?'"»”’)\]}]+$/u;

/**
 * Splits text into plain runs and links, for building React nodes (never HTML). Only http and
 * https links come out, so `javascript:` and friends stay text. A closing parenthesis is kept
 * when the address opened one (Wikipedia-style URLs).
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let raw = match[0];
    const trailing = raw.match(TRAILING)?.[0] ?? "";
    let cut = trailing.length;
    // Give back ")" that balance an "(" inside the address.
    while (
      cut > 0 &&
      trailing[trailing.length - cut] === ")" &&
      count(raw.slice(0, raw.length - cut), "(") > count(raw.slice(0, raw.length - cut), ")")
    ) {
      cut -= 1;
    }
    raw = raw.slice(0, raw.length - cut);
    if (raw.replace(/^(?:https?:\/\/|www\.)/iu, "").length === 0) continue;
    const href = /^https?:\/\//iu.test(raw) ? raw : `https://${raw}`;
    if (!isSafeHref(href)) continue;
    if (start > last) parts.push({ type: "text", text: text.slice(last, start) });
    parts.push({ type: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ type: "text", text: text.slice(last) });
  return parts;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

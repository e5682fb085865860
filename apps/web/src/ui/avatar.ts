/** Background colours for initials avatars: each keeps white text at AA contrast. */
const PALETTE = ["#0a8560", "#2f6fde", "#c2410c", "#7c3aed", "#b4235a", "#0e7490", "#a16207", "#4d7c0f"];

/** Up to two initials: first and last word ("Alice Martin" → "AM"), or the first letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (!first) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [firstGrapheme(first), last ? firstGrapheme(last) : ""].join("");
  return letters.toLocaleUpperCase();
}

function firstGrapheme(word: string): string {
  return Array.from(word)[0] ?? "";
}

/** The same person always gets the same colour, on every device (FNV-1a of the id). */
export function avatarColor(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] as string;
}

/**
 * The small version of an avatar. A user's `avatarUrl` is a media address (`/api/v1/media/:id`),
 * and every image there has a thumbnail at `…/thumb` (at most 360 px): an avatar is 40–88 px, so
 * it never needs the full photo. Any other address is used as it is.
 */
export function avatarThumbUrl(avatarUrl: string): string {
  return /\/media\/[^/?#]+$/u.test(avatarUrl) ? `${avatarUrl}/thumb` : avatarUrl;
}

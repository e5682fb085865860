import type { User } from "@agora/protocol/identity";

export interface LetterSection {
  letter: string;
  users: User[];
}

/** Names that don't start with a letter A–Z (after removing accents) go under "#", listed last. */
export const OTHER = "#";

function letterOf(name: string): string {
  const first = name.trim().normalize("NFD").replace(/\p{M}/gu, "").charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : OTHER;
}

/** Sorts by display name in the UI language and groups under letter headers, as address books do. */
export function groupByLetter(users: readonly User[], locale: string): LetterSection[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const sorted = [...users].sort(
    (a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.handle, b.handle),
  );
  const sections = new Map<string, User[]>();
  for (const user of sorted) {
    const letter = letterOf(user.displayName);
    const list = sections.get(letter);
    if (list) list.push(user);
    else sections.set(letter, [user]);
  }
  return [...sections.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b)))
    .map(([letter, list]) => ({ letter, users: list }));
}

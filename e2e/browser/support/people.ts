import { randomBytes } from "node:crypto";

export const PASSWORD = "correct-horse-42";

export interface Person {
  handle: string;
  displayName: string;
  password: string;
}

/** A person no other test (or earlier run against the same data) has used. */
export function newPerson(displayName: string): Person {
  const slug = displayName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 12);
  return { handle: `${slug}_${randomBytes(4).toString("hex")}`, displayName, password: PASSWORD };
}

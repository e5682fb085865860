import type { User } from "@agora/protocol/identity";
import { describe, expect, it } from "vitest";
import { groupByLetter } from "./group-by-letter.ts";

const user = (displayName: string, handle = displayName.toLowerCase().replace(/\W/g, "_")): User => ({
  id: handle,
  handle,
  displayName,
  avatarUrl: null,
});

describe("groupByLetter", () => {
  it("sorts by name and groups under letters, accents folded, others last under #", () => {
    const sections = groupByLetter(
      [user("bob"), user("Émile"), user("9 Lives"), user("alice"), user("Éa"), user("Ana")],
      "fr",
    );
    expect(sections.map((s) => [s.letter, s.users.map((u) => u.displayName)])).toEqual([
      ["A", ["alice", "Ana"]],
      ["B", ["bob"]],
      ["E", ["Éa", "Émile"]],
      ["#", ["9 Lives"]],
    ]);
  });

  it("returns no sections for no contacts", () => {
    expect(groupByLetter([], "en")).toEqual([]);
  });
});

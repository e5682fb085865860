import { identityRoutes, type User } from "@agora/protocol/identity";
import type { Conversation } from "@agora/protocol/messaging";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useMe } from "../auth/me-context.ts";
import type { People } from "./preview.ts";

/** Everyone this tab has seen in a conversation: people who left keep their name in old lines. */
const seen = new Map<string, string>();

/** Names for the ids a conversation mentions: its members, people seen before, my contacts. */
export function usePeople(conversation: Conversation | undefined): People {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  return useMemo(() => {
    for (const u of conversation?.members ?? []) seen.set(u.id, u.displayName);
    const byId = new Map(seen);
    for (const u of qc.getQueryData<User[]>(queryKeys.contacts) ?? []) byId.set(u.id, u.displayName);
    for (const u of conversation?.members ?? []) byId.set(u.id, u.displayName);
    const known = (id: string) => byId.get(id) ?? qc.getQueryData<User>(queryKeys.user(id))?.displayName;
    return {
      meId: me.id,
      lng: i18n.language,
      knows: (id: string) => id === me.id || known(id) !== undefined,
      nameOf: (id: string) => (id === me.id ? t("chat.you") : (known(id) ?? t("chat.someone"))),
    };
  }, [qc, conversation, me, t, i18n.language]);
}

/**
 * `people`, able to name also these ids: those it doesn't know (someone who left before this
 * device saw them) are fetched once and named when they arrive.
 */
export function useNamed(people: People, ids: readonly string[]): People {
  const { t } = useTranslation();
  const unknown = [...new Set(ids)].filter((id) => !people.knows(id));
  const users = useQueries({
    queries: unknown.map((id) => ({
      queryKey: queryKeys.user(id),
      queryFn: () => call(identityRoutes.getUser, { params: { id } }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const fetched = new Map(users.flatMap((q) => (q.data ? [[q.data.id, q.data.displayName] as const] : [])));
  if (fetched.size === 0) return people;
  return {
    ...people,
    knows: (id) => people.knows(id) || fetched.has(id),
    nameOf: (id) => (people.knows(id) ? people.nameOf(id) : (fetched.get(id) ?? t("chat.someone"))),
  };
}

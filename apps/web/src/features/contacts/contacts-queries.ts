import type { ContactRequest } from "@agora/protocol/contacts";
import { contactsRoutes } from "@agora/protocol/contacts";
import type { User } from "@agora/protocol/identity";
import { identityRoutes } from "@agora/protocol/identity";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";

async function fetchAllContacts(): Promise<User[]> {
  const all: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(contactsRoutes.listContacts, { query: { limit: 200, cursor } });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function useContacts() {
  // Shown from cache at once; contact.* events over the socket refresh it.
  return useQuery({ queryKey: queryKeys.contacts, queryFn: fetchAllContacts, staleTime: 60_000 });
}

export function useContactRequests() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.requests,
    queryFn: async (): Promise<ContactRequest[]> => {
      const before = queryClient.getQueryData<ContactRequest[]>(queryKeys.requests);
      const items = (await call(contactsRoutes.listRequests)).items;
      // An outgoing request that is no longer pending was answered: maybe a new contact.
      const stillPending = new Set(items.map((r) => r.id));
      if (before?.some((r) => r.direction === "outgoing" && !stillPending.has(r.id))) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
      }
      return items;
    },
    // contact.* events over the socket refresh it; coming back to the tab checks too.
    refetchOnWindowFocus: "always",
  });
}

/** Pending requests others sent me: the badge on Contacts and New friends. */
export function useIncomingRequestCount(): number {
  const { data } = useContactRequests();
  return data?.filter((r) => r.direction === "incoming" && r.status === "pending").length ?? 0;
}

export function useUser(id: string) {
  return useQuery({
    queryKey: queryKeys.user(id),
    queryFn: () => call(identityRoutes.getUser, { params: { id } }),
  });
}

export function useUserSearch(q: string) {
  return useQuery({
    queryKey: queryKeys.search(q),
    queryFn: async ({ signal }) => (await call(identityRoutes.searchUsers, { query: { q }, signal })).items,
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useBlocks() {
  return useQuery({
    queryKey: queryKeys.blocks,
    queryFn: async () => (await call(contactsRoutes.listBlocks)).items,
  });
}

/** Every change to the social graph refreshes the lists that show it. */
function useInvalidateGraph() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.contacts }),
      queryClient.invalidateQueries({ queryKey: queryKeys.requests }),
      queryClient.invalidateQueries({ queryKey: queryKeys.blocks }),
    ]);
}

export function useSendRequest() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (body: { userId: string; message?: string }) => call(contactsRoutes.sendRequest, { body }),
    onSuccess: invalidate,
  });
}

export function useAcceptRequest() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (id: string) => call(contactsRoutes.acceptRequest, { params: { id } }),
    onSuccess: invalidate,
  });
}

export function useDeclineRequest() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (id: string) => call(contactsRoutes.declineRequest, { params: { id } }),
    onSuccess: invalidate,
  });
}

export function useRemoveContact() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (userId: string) => call(contactsRoutes.removeContact, { params: { userId } }),
    onSuccess: invalidate,
  });
}

export function useBlock() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (userId: string) => call(contactsRoutes.block, { body: { userId } }),
    onSuccess: invalidate,
  });
}

export function useUnblock() {
  const invalidate = useInvalidateGraph();
  return useMutation({
    mutationFn: (userId: string) => call(contactsRoutes.unblock, { params: { userId } }),
    onSuccess: invalidate,
  });
}

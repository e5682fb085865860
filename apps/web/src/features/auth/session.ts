import type { User } from "@agora/protocol/identity";
import { identityRoutes } from "@agora/protocol/identity";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";

/** The signed-in user, or null when signed out. */
async function fetchSession(): Promise<User | null> {
  try {
    return await call(identityRoutes.me);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { handle: string; password: string }) => call(identityRoutes.login, { body }),
    onSuccess: ({ user }) => {
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { handle: string; displayName: string; password: string }) =>
      call(identityRoutes.register, { body }),
    onSuccess: ({ user }) => {
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(identityRoutes.logout),
    onSettled: () => {
      // Whatever the answer, nothing of this account stays on screen or in memory.
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

export function useUpdateDisplayName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (displayName: string) => call(identityRoutes.updateMe, { body: { displayName } }),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

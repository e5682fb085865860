import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client.ts";
import { queryKeys } from "../api/query-keys.ts";

/** Signed out elsewhere, or the session expired: every screen falls back to Welcome. */
function onQueryError(err: unknown, queryKey: readonly unknown[]) {
  if (err instanceof ApiError && err.status === 401 && queryKey[0] !== queryKeys.me[0]) {
    queryClient.setQueryData(queryKeys.me, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => onQueryError(err, query.queryKey) }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal won't change by asking again; a dropped connection might.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
    },
    mutations: { retry: false },
  },
});

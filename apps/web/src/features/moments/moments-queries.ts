import type { User } from "@agora/protocol/identity";
import {
  type CreateMomentBody,
  type Moment,
  type MomentPermissions,
  type MomentSettings,
  momentsRoutes,
} from "@agora/protocol/moments";
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { call } from "../../api/client.ts";
import {
  type MomentPage,
  markReadFrom,
  momentKeys,
  type NotificationPage,
  type Pages,
  patchPages,
  prependMoment,
  withComment,
  withLike,
  withoutComment,
} from "./moments-cache.ts";

/** Moments per page of the feed and of a person's moments. */
export const MOMENTS_PAGE = 10;

/** Applies a change to a moment wherever it is cached: the feed, people's lists, its own screen. */
export function patchMoment(qc: QueryClient, momentId: string, change: (m: Moment) => Moment | null): void {
  qc.setQueriesData<Pages<MomentPage>>({ queryKey: momentKeys.lists }, (data) =>
    patchPages(data, momentId, change),
  );
  qc.setQueryData<Moment>(momentKeys.one(momentId), (m) => (m ? (change(m) ?? undefined) : m));
}

/** Whether any cached list or screen shows this moment (worth refreshing it when it changes). */
export function isMomentCached(qc: QueryClient, momentId: string): boolean {
  if (qc.getQueryData(momentKeys.one(momentId))) return true;
  return qc
    .getQueriesData<Pages<MomentPage>>({ queryKey: momentKeys.lists })
    .some(([, data]) => data?.pages.some((p) => p.items.some((m) => m.id === momentId)));
}

/** Fetches a moment again and puts the fresh copy (likes, comments) everywhere it shows. */
export async function refreshMoment(qc: QueryClient, momentId: string): Promise<void> {
  const fresh = await call(momentsRoutes.get, { params: { id: momentId } });
  patchMoment(qc, momentId, () => fresh);
}

/** Lists show what's cached at once and ask again each time they open (new moments have no event). */
export function useFeed() {
  return useInfiniteQuery({
    queryKey: momentKeys.feed,
    queryFn: ({ pageParam, signal }): Promise<MomentPage> =>
      call(momentsRoutes.feed, { query: { limit: MOMENTS_PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUserMoments(userId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: momentKeys.user(userId),
    queryFn: ({ pageParam, signal }): Promise<MomentPage> =>
      call(momentsRoutes.userMoments, {
        params: { id: userId },
        query: { limit: MOMENTS_PAGE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMoment(id: string) {
  return useQuery({
    queryKey: momentKeys.one(id),
    queryFn: ({ signal }) => call(momentsRoutes.get, { params: { id }, signal }),
    retry: (count, err) =>
      !(err && typeof err === "object" && "status" in err && err.status === 404) && count < 2,
  });
}

export function useCreateMoment(me: User) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMomentBody) => call(momentsRoutes.create, { body }),
    onSuccess: (moment) => {
      qc.setQueryData<Pages<MomentPage>>(momentKeys.feed, (d) => prependMoment(d, moment));
      qc.setQueryData<Pages<MomentPage>>(momentKeys.user(me.id), (d) => prependMoment(d, moment));
    },
  });
}

export function useDeleteMoment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(momentsRoutes.remove, { params: { id } }),
    onSuccess: (_, id) => {
      patchMoment(qc, id, () => null);
      qc.removeQueries({ queryKey: momentKeys.one(id) });
      void qc.invalidateQueries({ queryKey: momentKeys.notifications });
    },
  });
}

/** Like or unlike at once on screen; a refusal puts the server's truth back. */
export function useToggleLike(me: User) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, like }: { id: string; like: boolean }) =>
      like ? call(momentsRoutes.like, { params: { id } }) : call(momentsRoutes.unlike, { params: { id } }),
    onMutate: ({ id, like }) => patchMoment(qc, id, (m) => withLike(m, me, like)),
    onError: (_, { id }) => void refreshMoment(qc, id).catch(() => undefined),
  });
}

export function useAddComment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      text,
      replyToUserId,
    }: {
      id: string;
      text: string;
      replyToUserId?: string | undefined;
    }) =>
      call(momentsRoutes.comment, {
        params: { id },
        body: replyToUserId ? { text, replyToUserId } : { text },
      }),
    onSuccess: (comment, { id }) => patchMoment(qc, id, (m) => withComment(m, comment)),
  });
}

export function useDeleteComment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, commentId }: { id: string; commentId: string }) =>
      call(momentsRoutes.deleteComment, { params: { id, commentId } }),
    onSuccess: (_, { id, commentId }) => patchMoment(qc, id, (m) => withoutComment(m, commentId)),
  });
}

/** The unread count and the latest notification (for the "new messages" pill's avatar). */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: momentKeys.unread,
    queryFn: async ({ signal }) => {
      const page = await call(momentsRoutes.notifications, { query: { limit: 1 }, signal });
      return { unread: page.unread, latest: page.items[0] ?? null };
    },
    staleTime: 60_000,
    refetchOnWindowFocus: "always",
  });
}

export function useUnreadCount(): number {
  return useUnreadNotifications().data?.unread ?? 0;
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: momentKeys.notifications,
    queryFn: ({ pageParam, signal }): Promise<NotificationPage> =>
      call(momentsRoutes.notifications, { query: { limit: 30, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReadNotifications() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (upToId: string) => call(momentsRoutes.readNotifications, { body: { upToId } }),
    onSuccess: (_, upToId) => {
      qc.setQueryData<Pages<NotificationPage>>(momentKeys.notifications, (d) => markReadFrom(d, upToId));
      void qc.invalidateQueries({ queryKey: momentKeys.unread });
    },
  });
}

export function useMomentSettings() {
  return useQuery({
    queryKey: momentKeys.settings,
    queryFn: ({ signal }) => call(momentsRoutes.getSettings, { signal }),
  });
}

export function useSaveMomentSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MomentSettings) => call(momentsRoutes.putSettings, { body }),
    onSuccess: (settings) => qc.setQueryData(momentKeys.settings, settings),
  });
}

export function useMomentPermissions(userId: string) {
  return useQuery({
    queryKey: momentKeys.permissions(userId),
    queryFn: ({ signal }) => call(momentsRoutes.getPermissions, { params: { id: userId }, signal }),
  });
}

export function useSaveMomentPermissions(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MomentPermissions) =>
      call(momentsRoutes.putPermissions, { params: { id: userId }, body }),
    onMutate: (body) => qc.setQueryData(momentKeys.permissions(userId), body),
    onSuccess: (saved) => {
      qc.setQueryData(momentKeys.permissions(userId), saved);
      // Who appears in my feed may have changed.
      void qc.invalidateQueries({ queryKey: momentKeys.feed });
    },
    onError: () => void qc.invalidateQueries({ queryKey: momentKeys.permissions(userId) }),
  });
}

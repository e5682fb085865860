import type { User } from "@agora/protocol/identity";
import type { Moment, MomentComment, MomentNotification } from "@agora/protocol/moments";

/** One page of a moments list as the server sends it. */
export interface MomentPage {
  items: Moment[];
  nextCursor: string | null;
}

/** react-query's shape for an infinite list. */
export interface Pages<P> {
  pages: P[];
  pageParams: unknown[];
}

/** Every react-query key of Moments: lists and single moments share the prefix they're patched by. */
export const momentKeys = {
  all: ["moments"] as const,
  lists: ["moments", "list"] as const,
  feed: ["moments", "list", "feed"] as const,
  user: (userId: string) => ["moments", "list", "user", userId] as const,
  one: (id: string) => ["moments", "one", id] as const,
  unread: ["moments-notifications", "unread"] as const,
  notifications: ["moments-notifications", "list"] as const,
  settings: ["moments-settings"] as const,
  permissions: (userId: string) => ["moments-permissions", userId] as const,
};

/** Applies `change` to one moment in a list's pages; `null` takes it out. */
export function patchPages(
  data: Pages<MomentPage> | undefined,
  momentId: string,
  change: (m: Moment) => Moment | null,
): Pages<MomentPage> | undefined {
  if (!data) return data;
  let touched = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((m) => m.id === momentId)) return page;
    touched = true;
    const items: Moment[] = [];
    for (const m of page.items) {
      if (m.id !== momentId) items.push(m);
      else {
        const next = change(m);
        if (next) items.push(next);
      }
    }
    return { ...page, items };
  });
  return touched ? { ...data, pages } : data;
}

/** Puts a new moment at the top of a list (once). */
export function prependMoment(
  data: Pages<MomentPage> | undefined,
  moment: Moment,
): Pages<MomentPage> | undefined {
  if (!data) return data;
  if (data.pages.some((p) => p.items.some((m) => m.id === moment.id))) return data;
  const [first, ...rest] = data.pages;
  if (!first) return { ...data, pages: [{ items: [moment], nextCursor: null }] };
  return { ...data, pages: [{ ...first, items: [moment, ...first.items] }, ...rest] };
}

export function withLike(m: Moment, me: User, liked: boolean): Moment {
  const others = m.likes.filter((u) => u.id !== me.id);
  return { ...m, likedByMe: liked, likes: liked ? [...others, me] : others };
}

export function withComment(m: Moment, comment: MomentComment): Moment {
  if (m.comments.some((c) => c.id === comment.id)) return m;
  return { ...m, comments: [...m.comments, comment] };
}

export function withoutComment(m: Moment, commentId: string): Moment {
  return { ...m, comments: m.comments.filter((c) => c.id !== commentId) };
}

/** One page of notifications, with the unread total. */
export interface NotificationPage {
  items: MomentNotification[];
  nextCursor: string | null;
  unread: number;
}

/** A notification that came over the socket goes on top of the list (once). */
export function prependNotification(
  data: Pages<NotificationPage> | undefined,
  notification: MomentNotification,
): Pages<NotificationPage> | undefined {
  if (!data) return data;
  if (data.pages.some((p) => p.items.some((n) => n.id === notification.id))) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  return { ...data, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] };
}

/** Marks `upToId` and every older notification (the list is newest first) read. */
export function markReadFrom(
  data: Pages<NotificationPage> | undefined,
  upToId: string,
): Pages<NotificationPage> | undefined {
  if (!data) return data;
  let reached = false;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((n) => {
      if (n.id === upToId) reached = true;
      return reached && !n.read ? { ...n, read: true } : n;
    }),
  }));
  return reached ? { ...data, pages } : data;
}

import type { MomentNotification } from "@agora/protocol/moments";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { BellIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import { HeartIcon } from "./MomentIcons.tsx";
import styles from "./Moments.module.css";
import { PlainPage } from "./MomentsLayout.tsx";
import { useNotifications, useReadNotifications } from "./moments-queries.ts";
import { momentTime } from "./relative-time.ts";
import { useNow } from "./use-now.ts";

/** Likes and comments on my moments and replies to me, newest first; opening the list reads them. */
export function NotificationsScreen() {
  const { t } = useTranslation();
  const list = useNotifications();
  const read = useReadNotifications();
  const now = useNow();
  const end = useRef<HTMLDivElement>(null);
  // What was new when it showed stays marked new while the list is open.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const newestUnread = items.find((n) => !n.read && !fresh.has(n.id));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    if (!newestUnread) return;
    setFresh((set) => new Set([...set, ...items.filter((n) => !n.read).map((n) => n.id)]));
    read.mutate(newestUnread.id);
    // Mark once per newly seen notification.
  }, [newestUnread?.id]);

  useEffect(() => {
    const el = end.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <PlainPage title={t("moments.notifications.title")} back={paths.moments}>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<BellIcon />}
          title={t("moments.notifications.emptyTitle")}
          body={t("moments.notifications.emptyBody")}
        />
      ) : (
        <>
          <ul className={styles.notifications} aria-label={t("moments.notifications.title")}>
            {items.map((n) => (
              <NotificationRow key={n.id} notification={n} isNew={fresh.has(n.id) || !n.read} now={now} />
            ))}
          </ul>
          <div ref={end}>{isFetchingNextPage && <LoadingState label={t("moments.loadingMore")} />}</div>
        </>
      )}
    </PlainPage>
  );
}

function NotificationRow({
  notification: n,
  isNew,
  now,
}: {
  notification: MomentNotification;
  isNew: boolean;
  now: Date;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const what =
    n.kind === "like"
      ? t("moments.notifications.liked")
      : n.comment?.replyTo
        ? n.comment.replyTo.id === me.id
          ? t("moments.notifications.repliedToYou", { text: n.comment.text })
          : t("moments.notifications.replied", { name: n.comment.replyTo.displayName, text: n.comment.text })
        : (n.comment?.text ?? "");
  return (
    <li>
      <Link
        to={paths.moment(n.momentId)}
        state={{ from: paths.momentNotifications }}
        className={`${styles.notification} ${isNew ? styles.unreadRow : ""}`}
      >
        <Avatar user={n.actor} size="sm" />
        <span className={styles.notificationText}>
          <span className={styles.name}>{n.actor.displayName}</span>
          <span className={styles.notificationWhat}>
            {n.kind === "like" && <HeartIcon className={styles.inlineHeart} />}
            {what}
          </span>
          <time className={styles.notificationTime} dateTime={n.createdAt}>
            {momentTime(new Date(n.createdAt), now, t, i18n.language)}
          </time>
        </span>
        {n.thumbUrl ? (
          <img className={styles.notificationThumb} src={n.thumbUrl} alt="" loading="lazy" />
        ) : (
          <span className={styles.notificationExcerpt} aria-hidden="true">
            {n.momentText}
          </span>
        )}
        {isNew && <span className="visually-hidden">, {t("moments.notifications.new")}</span>}
      </Link>
    </li>
  );
}

import type { User } from "@agora/protocol/identity";
import type { Moment } from "@agora/protocol/moments";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { CommentBar, type CommentTarget } from "./CommentBar.tsx";
import { MomentCard } from "./MomentCard.tsx";
import styles from "./Moments.module.css";
import type { MomentPage } from "./moments-cache.ts";
import { useNow } from "./use-now.ts";

/** Moments of a feed, page after page as the end scrolls into view, with the comment bar they share. */
export function MomentList({
  query,
  me,
  label,
  empty,
}: {
  query: UseInfiniteQueryResult<InfiniteData<MomentPage>>;
  me: User;
  label: string;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const [commenting, setCommenting] = useState<CommentTarget | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const el = end.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "800px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const moments: Moment[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (moments.length === 0) return <>{empty}</>;

  return (
    <>
      <section className={styles.feed} aria-label={label}>
        {moments.map((moment) => (
          <MomentCard
            key={moment.id}
            moment={moment}
            me={me}
            now={now}
            onComment={(m, replyTo) => setCommenting({ momentId: m.id, replyTo })}
          />
        ))}
      </section>
      <div ref={end} className={styles.listEnd}>
        {isFetchingNextPage ? (
          <LoadingState label={t("moments.loadingMore")} />
        ) : query.isFetchNextPageError ? (
          <ErrorState error={query.error} onRetry={() => void fetchNextPage()} />
        ) : !hasNextPage && moments.length > 3 ? (
          <span className={styles.endMark} aria-hidden="true" />
        ) : null}
      </div>
      <CommentBar target={commenting} onClose={() => setCommenting(null)} />
    </>
  );
}

import type { User } from "@agora/protocol/identity";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Avatar } from "../../ui/Avatar.tsx";
import { BackIcon } from "../../ui/Icons.tsx";
import styles from "./Moments.module.css";

/**
 * A Moments screen with a cover: the bar floats over the photo, clear while the cover shows and
 * solid (with the title) once it scrolls away, as in WeChat.
 */
export function CoverPage({
  title,
  back,
  actions,
  user,
  coverLink,
  children,
}: {
  title: string;
  back: string;
  actions?: ReactNode;
  /** Whose name and avatar sit on the cover. */
  user: Pick<User, "id" | "displayName">;
  /** Where tapping the avatar on the cover leads. */
  coverLink?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const [solid, setSolid] = useState(false);

  useEffect(() => {
    document.title = `${title} · Agora`;
  }, [title]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setSolid(!entry?.isIntersecting), {
      rootMargin: "-56px 0px 0px 0px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const avatar = <Avatar user={user} size="lg" />;
  return (
    <div className={styles.page}>
      <header className={`${styles.bar} ${styles.floating} ${solid ? styles.solid : ""}`}>
        <div className={styles.barSide}>
          <Link to={back} className={styles.barButton} aria-label={t("common.back")}>
            <BackIcon />
          </Link>
        </div>
        <h1 className={styles.barTitle}>
          <span className={solid ? undefined : "visually-hidden"}>{title}</span>
        </h1>
        <div className={`${styles.barSide} ${styles.barEnd}`}>{actions}</div>
      </header>
      <main className={styles.main}>
        <div className={styles.cover}>
          <div className={styles.coverArt} aria-hidden="true" />
          <div ref={sentinel} className={styles.coverSentinel} />
          <div className={styles.coverOwner}>
            <span className={styles.coverName} aria-hidden={coverLink ? true : undefined}>
              {user.displayName}
            </span>
            {coverLink ? (
              <Link to={coverLink} className={styles.coverAvatar} aria-label={user.displayName}>
                {avatar}
              </Link>
            ) : (
              <span className={styles.coverAvatar}>{avatar}</span>
            )}
          </div>
        </div>
        {children}
      </main>
    </div>
  );
}

/** A plain Moments screen (compose, notifications, settings): a solid bar with room for a wide action. */
export function PlainPage({
  title,
  back,
  start,
  action,
  children,
}: {
  title: string;
  back?: string;
  /** Replaces the back arrow (e.g. a Cancel button). */
  start?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Agora`;
  }, [title]);
  return (
    <div className={styles.page}>
      <header className={`${styles.bar} ${styles.solid}`}>
        <div className={styles.barSide}>
          {start ??
            (back !== undefined && (
              <Link to={back} className={styles.barButton} aria-label={t("common.back")}>
                <BackIcon />
              </Link>
            ))}
        </div>
        <h1 className={styles.barTitle}>{title}</h1>
        <div className={`${styles.barSide} ${styles.barEnd}`}>{action}</div>
      </header>
      <main className={styles.plainMain}>{children}</main>
    </div>
  );
}

/** The class for an icon-only control in a Moments bar; give it an aria-label. */
export const momentsBarButton = styles.barButton;

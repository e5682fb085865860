import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BackIcon } from "./Icons.tsx";
import styles from "./Page.module.css";

export interface PageProps {
  title: string;
  /** Where the back arrow leads; no arrow on the four tab screens. */
  back?: string;
  /** A control at the right of the bar (an icon button). */
  action?: ReactNode;
  children: ReactNode;
}

/** One screen: a bar with the title (also the document title) and a scrolling content area. */
export function Page({ title, back, action, children }: PageProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Agora`;
  }, [title]);

  return (
    <div className={styles.page}>
      <header className={styles.bar}>
        <div className={styles.side}>
          {back !== undefined && (
            <Link to={back} className={styles.iconButton} aria-label={t("common.back")}>
              <BackIcon />
            </Link>
          )}
        </div>
        <h1 className={styles.title}>{title}</h1>
        <div className={`${styles.side} ${styles.end}`}>{action}</div>
      </header>
      <main className={styles.content}>{children}</main>
    </div>
  );
}

/** The class for an icon-only control in the bar; give it an aria-label. */
export const barIconButton = styles.iconButton;

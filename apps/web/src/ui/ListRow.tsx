import type { ReactNode } from "react";
import { Link } from "react-router";
import { ChevronIcon } from "./Icons.tsx";
import styles from "./List.module.css";

export interface ListRowProps {
  leading?: ReactNode;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Shown at the end: a value, a badge or buttons (only when the row is not a link). */
  trailing?: ReactNode;
  /** Makes the whole row a link with a chevron. */
  to?: string;
  /** Makes the whole row a button. */
  onClick?: () => void;
  tone?: "default" | "danger" | "accent";
  /** The accessible name when title and subtitle would read badly. */
  label?: string;
}

/** One line of a list: a link, a button or plain content with its own controls. */
export function ListRow({
  leading,
  title,
  subtitle,
  trailing,
  to,
  onClick,
  tone = "default",
  label,
}: ListRowProps) {
  const body = (
    <>
      {leading && <span className={styles.leading}>{leading}</span>}
      <span className={styles.text}>
        <span className={`${styles.title} ${styles[tone]}`}>{title}</span>
        {subtitle && <span className={styles.subtitle}>{subtitle}</span>}
      </span>
      {trailing && <span className={styles.trailing}>{trailing}</span>}
      {to !== undefined && <ChevronIcon className={styles.chevron} />}
    </>
  );
  return (
    <li className={styles.item}>
      {to !== undefined ? (
        <Link to={to} className={`${styles.row} ${styles.interactive}`} aria-label={label}>
          {body}
        </Link>
      ) : onClick ? (
        <button
          type="button"
          className={`${styles.row} ${styles.interactive}`}
          onClick={onClick}
          aria-label={label}
        >
          {body}
        </button>
      ) : (
        <div className={styles.row}>{body}</div>
      )}
    </li>
  );
}

import styles from "./Badge.module.css";

/** A red count; the surrounding control says what it counts to screen readers. */
export function Badge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className={styles.badge} aria-hidden="true">
      {count > 99 ? "99+" : count}
    </span>
  );
}

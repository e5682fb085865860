import type { ReactNode } from "react";
import styles from "./List.module.css";

/** An inset, rounded group of rows, with an optional header (a letter, a section name). */
export function ListGroup({ heading, children, id }: { heading?: string; children: ReactNode; id?: string }) {
  const headingId = id && heading ? `${id}-heading` : undefined;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      {heading && (
        <h2 className={styles.heading} id={headingId}>
          {heading}
        </h2>
      )}
      <ul className={styles.group}>{children}</ul>
    </section>
  );
}

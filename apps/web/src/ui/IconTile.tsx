import type { ReactNode } from "react";
import styles from "./IconTile.module.css";

type Tone = "green" | "orange" | "blue" | "purple" | "red" | "grey";

/** A small coloured square holding an icon, at the start of settings-like rows. */
export function IconTile({ tone, children, large }: { tone: Tone; children: ReactNode; large?: boolean }) {
  return <span className={`${styles.tile} ${styles[tone]} ${large ? styles.large : ""}`}>{children}</span>;
}

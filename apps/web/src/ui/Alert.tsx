import type { ReactNode } from "react";
import styles from "./Alert.module.css";

/**
 * An inline message. `error` interrupts (role=alert); `success` and `info` are announced
 * politely (role=status).
 */
export function Alert({ tone, children }: { tone: "error" | "success" | "info"; children: ReactNode }) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

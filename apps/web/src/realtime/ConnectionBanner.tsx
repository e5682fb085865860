import { useTranslation } from "react-i18next";
import styles from "./ConnectionBanner.module.css";
import { useConnectionState } from "./realtime-context.ts";

/** A thin strip while the socket is down: the chat may be behind, and sends are queued. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionState();
  return (
    <div className={styles.slot} role="status" aria-live="polite">
      {state !== "online" && (
        <div className={`${styles.banner} ${state === "offline" ? styles.offline : ""}`}>
          {state === "connecting" && <span className={styles.spinner} aria-hidden="true" />}
          {state === "offline" ? t("connection.offline") : t("connection.connecting")}
        </div>
      )}
    </div>
  );
}

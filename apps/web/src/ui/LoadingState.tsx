import { useTranslation } from "react-i18next";
import styles from "./State.module.css";

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className={styles.state} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      <span className={styles.body}>{label ?? t("common.loading")}</span>
    </div>
  );
}

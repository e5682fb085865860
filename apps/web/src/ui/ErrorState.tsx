import { useTranslation } from "react-i18next";
import { describeError } from "../i18n/describe-error.ts";
import { Button } from "./Button.tsx";
import styles from "./State.module.css";

/** A failed load, with its reason and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.state} role="alert">
      <h2 className={styles.title}>{t("common.loadError")}</h2>
      <p className={styles.body}>{describeError(t, error)}</p>
      {onRetry && (
        <div className={styles.action}>
          <Button variant="secondary" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        </div>
      )}
    </div>
  );
}

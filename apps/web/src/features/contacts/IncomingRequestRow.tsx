import type { ContactRequest } from "@agora/protocol/contacts";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import styles from "./IncomingRequestRow.module.css";

export interface IncomingRequestRowProps {
  request: ContactRequest;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** Someone asked me: who, their whole message, then Decline and Accept. */
export function IncomingRequestRow({ request, busy, onAccept, onDecline }: IncomingRequestRowProps) {
  const { t } = useTranslation();
  const { fromUser } = request;
  return (
    <li className={styles.item}>
      <div className={styles.head}>
        <Avatar user={fromUser} size="sm" />
        <div className={styles.who}>
          <span className={styles.name}>{fromUser.displayName}</span>
          <span className={styles.handle}>@{fromUser.handle}</span>
        </div>
      </div>
      {request.message && <p className={styles.message}>{request.message}</p>}
      <div className={styles.actions}>
        <Button
          variant="secondary"
          size="sm"
          onClick={onDecline}
          disabled={busy}
          aria-label={t("requests.declineName", { name: fromUser.displayName })}
        >
          {t("requests.decline")}
        </Button>
        <Button
          size="sm"
          onClick={onAccept}
          disabled={busy}
          aria-label={t("requests.acceptName", { name: fromUser.displayName })}
        >
          {t("requests.accept")}
        </Button>
      </div>
    </li>
  );
}

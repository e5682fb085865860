import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BellIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import {
  notificationsSupported,
  notificationsWanted,
  setNotificationsWanted,
} from "../chats/notifications.ts";
import styles from "./Me.module.css";

/** A switch row: turning it on asks the browser for permission, from this click. */
export function NotificationsToggle() {
  const { t } = useTranslation();
  const supported = notificationsSupported();
  const [on, setOn] = useState(
    () => supported && notificationsWanted() && Notification.permission === "granted",
  );
  const [denied, setDenied] = useState(() => supported && Notification.permission === "denied");

  return (
    <li className={styles.switchItem}>
      <label className={styles.switchRow}>
        <span className={styles.switchLeading}>
          <IconTile tone="red">
            <BellIcon />
          </IconTile>
        </span>
        <span className={styles.switchText}>
          <span className={styles.switchTitle}>{t("me.notifications")}</span>
          <span className={styles.switchHint}>
            {!supported
              ? t("me.notificationsUnsupported")
              : denied
                ? t("me.notificationsDenied")
                : t("me.notificationsHint")}
          </span>
        </span>
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          className={styles.switch}
          checked={on}
          disabled={!supported}
          onChange={(event) => {
            const wanted = event.target.checked;
            void setNotificationsWanted(wanted).then((result) => {
              setOn(result);
              setDenied(Notification.permission === "denied");
            });
          }}
        />
      </label>
    </li>
  );
}

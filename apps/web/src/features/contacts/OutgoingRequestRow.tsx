import type { ContactRequest } from "@agora/protocol/contacts";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../ui/Avatar.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import styles from "./Contacts.module.css";

/** A request I sent that is still waiting for an answer. */
export function OutgoingRequestRow({ request }: { request: ContactRequest }) {
  const { t } = useTranslation();
  const { toUser } = request;
  return (
    <ListRow
      leading={<Avatar user={toUser} size="sm" />}
      title={toUser.displayName}
      subtitle={`@${toUser.handle}`}
      trailing={<span className={styles.status}>{t("requests.pending")}</span>}
    />
  );
}

import type { User } from "@agora/protocol/identity";
import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { CheckIcon } from "../../ui/Icons.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import styles from "./Contacts.module.css";

export type Relation =
  | { kind: "none" }
  | { kind: "contact" }
  | { kind: "requested" }
  | { kind: "incoming"; requestId: string };

/** A person found by search, with what I can do next: add them, or see that it's done. */
export function SearchResultRow({
  user,
  relation,
  onAdd,
}: {
  user: User;
  relation: Relation;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  if (relation.kind === "contact") {
    return (
      <ListRow
        to={paths.contact(user.id)}
        leading={<Avatar user={user} size="sm" />}
        title={user.displayName}
        subtitle={`@${user.handle}`}
        trailing={<span className={styles.status}>{t("search.isContact")}</span>}
      />
    );
  }
  if (relation.kind === "incoming") {
    return (
      <ListRow
        to={paths.newFriends}
        leading={<Avatar user={user} size="sm" />}
        title={user.displayName}
        subtitle={`@${user.handle}`}
        trailing={<span className={styles.status}>{t("requests.title")}</span>}
      />
    );
  }
  return (
    <ListRow
      leading={<Avatar user={user} size="sm" />}
      title={user.displayName}
      subtitle={`@${user.handle}`}
      trailing={
        relation.kind === "requested" ? (
          <span className={styles.status}>
            <CheckIcon /> {t("search.requested")}
          </span>
        ) : (
          <Button size="sm" onClick={onAdd} aria-label={t("search.addName", { name: user.displayName })}>
            {t("search.add")}
          </Button>
        )
      }
    />
  );
}

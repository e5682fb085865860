import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { Badge } from "../../ui/Badge.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { AddPersonIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { barIconButton, Page } from "../../ui/Page.tsx";
import styles from "./Contacts.module.css";
import { useContacts, useIncomingRequestCount } from "./contacts-queries.ts";
import { groupByLetter } from "./group-by-letter.ts";
import { NoContactsYet } from "./NoContactsYet.tsx";

export function ContactsScreen() {
  const { t, i18n } = useTranslation();
  const contacts = useContacts();
  const pending = useIncomingRequestCount();

  return (
    <Page
      title={t("contacts.title")}
      action={
        <Link to={paths.addContact} className={barIconButton} aria-label={t("contacts.add")}>
          <AddPersonIcon />
        </Link>
      }
    >
      <ListGroup>
        <ListRow
          to={paths.newFriends}
          leading={
            <IconTile tone="orange">
              <AddPersonIcon />
            </IconTile>
          }
          title={t("contacts.newFriends")}
          label={
            pending > 0
              ? `${t("contacts.newFriends")}, ${t("nav.pendingRequests", { count: pending })}`
              : undefined
          }
          trailing={<Badge count={pending} />}
        />
      </ListGroup>

      {contacts.isPending ? (
        <LoadingState />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : contacts.data.length === 0 ? (
        <NoContactsYet title={t("contacts.emptyTitle")} body={t("contacts.emptyBody")} />
      ) : (
        <>
          {groupByLetter(contacts.data, i18n.language).map((section) => (
            <ListGroup key={section.letter} heading={section.letter} id={`letter-${section.letter}`}>
              {section.users.map((user) => (
                <ListRow
                  key={user.id}
                  to={paths.contact(user.id)}
                  leading={<Avatar user={user} size="sm" />}
                  title={user.displayName}
                  subtitle={`@${user.handle}`}
                />
              ))}
            </ListGroup>
          ))}
          <p className={styles.footer}>{t("contacts.count", { count: contacts.data.length })}</p>
        </>
      )}
    </Page>
  );
}

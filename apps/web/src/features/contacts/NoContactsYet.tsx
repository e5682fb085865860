import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { buttonClass } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ContactsIcon } from "../../ui/Icons.tsx";

/** What a screen that lists contacts shows to someone who has none, with the way to add one. */
export function NoContactsYet({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<ContactsIcon />}
      title={title}
      body={body}
      action={
        <Link to={paths.addContact} className={buttonClass("primary")}>
          {t("contacts.emptyAction")}
        </Link>
      }
    />
  );
}

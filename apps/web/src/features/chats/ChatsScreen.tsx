import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { buttonClass } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ChatsIcon } from "../../ui/Icons.tsx";
import { Page } from "../../ui/Page.tsx";

/** Messaging is not built yet: an honest empty state that points to Contacts. */
export function ChatsScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t("chats.title")}>
      <EmptyState
        icon={<ChatsIcon />}
        title={t("chats.emptyTitle")}
        body={t("chats.emptyBody")}
        action={
          <Link to={paths.contacts} className={buttonClass("primary")}>
            {t("chats.emptyAction")}
          </Link>
        }
      />
    </Page>
  );
}

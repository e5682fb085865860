import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { BlockIcon, EditIcon, ImageIcon, LanguageIcon, MomentsIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { useSignOut } from "../auth/session.ts";
import { MeQrRows } from "../qr/entries.tsx";
import { MeWalletRow } from "../wallet/MeWalletRow.tsx";
import styles from "./Me.module.css";
import { NotificationsToggle } from "./NotificationsToggle.tsx";
import { ProfileCard } from "./ProfileCard.tsx";

export function MeScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <Page title={t("me.title")}>
      <ProfileCard user={me} />
      <ListGroup>
        <MeWalletRow />
        <MeQrRows />
      </ListGroup>
      <ListGroup>
        <ListRow
          to={paths.profilePhoto}
          leading={
            <IconTile tone="purple">
              <ImageIcon />
            </IconTile>
          }
          title={t("me.photo")}
          trailing={<Avatar user={me} size="sm" />}
        />
        <ListRow
          to={paths.editName}
          leading={
            <IconTile tone="green">
              <EditIcon />
            </IconTile>
          }
          title={t("me.name")}
          trailing={<span className={styles.value}>{me.displayName}</span>}
        />
        <ListRow
          to={paths.language}
          leading={
            <IconTile tone="blue">
              <LanguageIcon />
            </IconTile>
          }
          title={t("me.language")}
          trailing={<span className={styles.value}>{t(`language.${currentLanguage()}`)}</span>}
        />
        <ListRow
          to={paths.momentsSettings}
          leading={
            <IconTile tone="orange">
              <MomentsIcon />
            </IconTile>
          }
          title={t("moments.title")}
        />
        <ListRow
          to={paths.blocked}
          leading={
            <IconTile tone="grey">
              <BlockIcon />
            </IconTile>
          }
          title={t("me.blocked")}
        />
        <NotificationsToggle />
      </ListGroup>
      {signOut.isError && (
        <div className={styles.notice}>
          <Alert tone="error">{describeError(t, signOut.error)}</Alert>
        </div>
      )}
      <ListGroup>
        <li className={styles.signOutItem}>
          <button
            type="button"
            className={styles.signOut}
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, { onSettled: () => navigate(paths.welcome, { replace: true }) })
            }
          >
            {signOut.isPending ? t("me.signingOut") : t("me.signOut")}
          </button>
        </li>
      </ListGroup>
    </Page>
  );
}

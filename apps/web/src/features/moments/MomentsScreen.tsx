import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { buttonClass } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { BellIcon } from "../../ui/Icons.tsx";
import { useMe } from "../auth/me-context.ts";
import { CameraIcon } from "./MomentIcons.tsx";
import { MomentList } from "./MomentList.tsx";
import styles from "./Moments.module.css";
import { CoverPage, momentsBarButton } from "./MomentsLayout.tsx";
import { useFeed, useUnreadNotifications } from "./moments-queries.ts";

/** Moments, from Discover: my cover, new likes and comments, then my contacts' moments and mine. */
export function MomentsScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const feed = useFeed();
  return (
    <CoverPage
      title={t("moments.title")}
      back={paths.discover}
      user={me}
      coverLink={paths.userMoments(me.id)}
      actions={<MomentsBarActions />}
    >
      <NewNotificationsPill />
      <MomentList
        query={feed}
        me={me}
        label={t("moments.feed")}
        empty={
          <EmptyState
            icon={<CameraIcon />}
            title={t("moments.emptyTitle")}
            body={t("moments.emptyBody")}
            action={
              <Link to={paths.newMoment} className={buttonClass("primary")}>
                {t("moments.post")}
              </Link>
            }
          />
        }
      />
    </CoverPage>
  );
}

/** The bar's two controls: notifications (with their count) and the camera to post. */
export function MomentsBarActions() {
  const { t } = useTranslation();
  const unread = useUnreadNotifications().data?.unread ?? 0;
  return (
    <>
      <Link
        to={paths.momentNotifications}
        className={momentsBarButton}
        aria-label={
          unread > 0
            ? `${t("moments.notifications.title")}, ${t("moments.newCount", { count: unread })}`
            : t("moments.notifications.title")
        }
      >
        <BellIcon />
        {unread > 0 && <span className={styles.dot} aria-hidden="true" />}
      </Link>
      <Link to={paths.newMoment} className={momentsBarButton} aria-label={t("moments.new")}>
        <CameraIcon />
      </Link>
    </>
  );
}

/** "2 new messages" under the cover, with the latest person's avatar, as in WeChat. */
function NewNotificationsPill() {
  const { t } = useTranslation();
  const { data } = useUnreadNotifications();
  if (!data || data.unread === 0) return null;
  return (
    <div className={styles.pillRow}>
      <Link to={paths.momentNotifications} className={styles.pill}>
        {data.latest && <Avatar user={data.latest.actor} size="sm" />}
        <span>{t("moments.newCount", { count: data.unread })}</span>
      </Link>
    </div>
  );
}

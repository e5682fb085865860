import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { buttonClass } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import { useUser } from "../contacts/contacts-queries.ts";
import { CameraIcon } from "./MomentIcons.tsx";
import { MomentList } from "./MomentList.tsx";
import { CoverPage, PlainPage } from "./MomentsLayout.tsx";
import { MomentsBarActions } from "./MomentsScreen.tsx";
import { useUserMoments } from "./moments-queries.ts";
import { useBackTo } from "./use-back-to.ts";

/** One person's moments that I may see (mine from the cover or Me; anyone's from their profile). */
export function UserMomentsScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const userId = useParams().userId ?? "";
  const isMe = userId === me.id;
  const person = useUser(userId);
  const moments = useUserMoments(userId);
  const back = useBackTo(isMe ? paths.moments : paths.contact(userId));
  const user = isMe ? me : person.data;

  if (!user) {
    return (
      <PlainPage title={t("moments.title")} back={back}>
        {person.isError ? (
          isApiError(person.error) && person.error.status === 404 ? (
            <EmptyState title={t("moments.userNotFound")} />
          ) : (
            <ErrorState error={person.error} onRetry={() => void person.refetch()} />
          )
        ) : (
          <LoadingState />
        )}
      </PlainPage>
    );
  }

  return (
    <CoverPage
      title={isMe ? t("moments.mine") : t("moments.theirs", { name: user.displayName })}
      back={back}
      user={user}
      actions={isMe ? <MomentsBarActions /> : undefined}
    >
      <MomentList
        query={moments}
        me={me}
        label={isMe ? t("moments.mine") : t("moments.theirs", { name: user.displayName })}
        empty={
          isMe ? (
            <EmptyState
              icon={<CameraIcon />}
              title={t("moments.emptyMineTitle")}
              body={t("moments.emptyMineBody")}
              action={
                <Link to={paths.newMoment} className={buttonClass("primary")}>
                  {t("moments.post")}
                </Link>
              }
            />
          ) : (
            <EmptyState
              icon={<CameraIcon />}
              title={t("moments.emptyTheirsTitle", { name: user.displayName })}
              body={t("moments.emptyTheirsBody")}
            />
          )
        }
      />
    </CoverPage>
  );
}

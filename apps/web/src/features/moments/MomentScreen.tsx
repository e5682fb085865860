import type { User } from "@agora/protocol/identity";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import { CommentBar, type CommentTarget } from "./CommentBar.tsx";
import { MomentCard } from "./MomentCard.tsx";
import styles from "./Moments.module.css";
import { PlainPage } from "./MomentsLayout.tsx";
import { useMoment } from "./moments-queries.ts";
import { useBackTo } from "./use-back-to.ts";
import { useNow } from "./use-now.ts";

/** One moment on its own (from a notification), with its likes and comments. */
export function MomentScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = useParams().momentId ?? "";
  const moment = useMoment(id);
  const now = useNow();
  const back = useBackTo(paths.moments);
  const [commenting, setCommenting] = useState<CommentTarget | null>(null);

  return (
    <PlainPage title={t("moments.detail")} back={back}>
      {moment.isPending ? (
        <LoadingState />
      ) : moment.isError ? (
        isApiError(moment.error) && moment.error.status === 404 ? (
          <EmptyState title={t("moments.gone")} body={t("moments.goneBody")} />
        ) : (
          <ErrorState error={moment.error} onRetry={() => void moment.refetch()} />
        )
      ) : (
        <div className={styles.feed}>
          <MomentCard
            moment={moment.data}
            me={me}
            now={now}
            onComment={(m, replyTo: User | null) => setCommenting({ momentId: m.id, replyTo })}
            onDeleted={() => navigate(back, { replace: true })}
          />
        </div>
      )}
      <CommentBar target={commenting} onClose={() => setCommenting(null)} />
    </PlainPage>
  );
}

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { BlockIcon } from "../../ui/Icons.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useBlocks, useUnblock } from "../contacts/contacts-queries.ts";
import styles from "./Me.module.css";

export function BlockedScreen() {
  const { t } = useTranslation();
  const blocks = useBlocks();
  const unblock = useUnblock();
  const [unblocked, setUnblocked] = useState<string | null>(null);

  return (
    <Page title={t("blocked.title")} back={paths.me}>
      {unblock.isError && (
        <div className={styles.notice}>
          <Alert tone="error">{describeError(t, unblock.error)}</Alert>
        </div>
      )}
      {unblocked && (
        <div className={styles.notice}>
          <Alert tone="success">{t("blocked.unblocked", { name: unblocked })}</Alert>
        </div>
      )}
      {blocks.isPending ? (
        <LoadingState />
      ) : blocks.isError ? (
        <ErrorState error={blocks.error} onRetry={() => void blocks.refetch()} />
      ) : blocks.data.length === 0 ? (
        <EmptyState icon={<BlockIcon />} title={t("blocked.emptyTitle")} body={t("blocked.emptyBody")} />
      ) : (
        <ListGroup>
          {blocks.data.map((user) => (
            <ListRow
              key={user.id}
              leading={<Avatar user={user} size="sm" />}
              title={user.displayName}
              subtitle={`@${user.handle}`}
              trailing={
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={unblock.isPending && unblock.variables === user.id}
                  aria-label={t("blocked.unblockName", { name: user.displayName })}
                  onClick={() => unblock.mutate(user.id, { onSuccess: () => setUnblocked(user.displayName) })}
                >
                  {t("blocked.unblock")}
                </Button>
              }
            />
          ))}
        </ListGroup>
      )}
    </Page>
  );
}

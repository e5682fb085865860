import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { ChatsIcon } from "../../ui/Icons.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useCreateConversation } from "../chats/chat-queries.ts";
import { ProfileMomentsRows } from "../moments/ProfileMomentsRows.tsx";
import { TransferIcon } from "../wallet/wallet-icons.tsx";
import styles from "./Contacts.module.css";
import { useBlock, useContacts, useRemoveContact, useUser } from "./contacts-queries.ts";

type Confirming = "remove" | "block" | null;

export function ContactProfileScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const userId = useParams().userId ?? "";
  const user = useUser(userId);
  const contacts = useContacts();
  const remove = useRemoveContact();
  const block = useBlock();
  const openChat = useCreateConversation();
  const [confirming, setConfirming] = useState<Confirming>(null);

  const isContact = contacts.data?.some((c) => c.id === userId) ?? false;
  const failure = remove.error ?? block.error ?? openChat.error;

  const onConfirm = () => {
    const mutation = confirming === "remove" ? remove : block;
    mutation.mutate(userId, {
      onSuccess: () => navigate(paths.contacts, { replace: true }),
      onSettled: () => setConfirming(null),
    });
  };

  if (user.isPending) {
    return (
      <Page title={t("profile.title")} back={paths.contacts}>
        <LoadingState />
      </Page>
    );
  }
  if (user.isError) {
    return (
      <Page title={t("profile.title")} back={paths.contacts}>
        {isApiError(user.error) && user.error.status === 404 ? (
          <EmptyState title={t("profile.notFound")} />
        ) : (
          <ErrorState error={user.error} onRetry={() => void user.refetch()} />
        )}
      </Page>
    );
  }

  const name = user.data.displayName;
  return (
    <Page title={t("profile.title")} back={paths.contacts}>
      <section className={styles.profile} aria-label={name}>
        <Avatar user={user.data} size="lg" />
        <div className={styles.profileText}>
          <h2 className={styles.profileName}>{name}</h2>
          <span className={styles.profileHandle}>@{user.data.handle}</span>
          {!isContact && contacts.isSuccess && (
            <span className={styles.status}>{t("profile.notContact")}</span>
          )}
        </div>
      </section>

      {failure && (
        <div className={styles.notice}>
          <Alert tone="error">{describeError(t, failure)}</Alert>
        </div>
      )}

      {isContact && (
        <div className={styles.profileActions}>
          <Button
            block
            size="lg"
            disabled={openChat.isPending}
            onClick={() =>
              openChat.mutate(
                { type: "direct", userId },
                { onSuccess: (conversation) => navigate(paths.chat(conversation.id)) },
              )
            }
          >
            <ChatsIcon />
            {t("profile.message")}
          </Button>
          <Button block size="lg" variant="tonal" onClick={() => navigate(paths.pay(userId))}>
            <TransferIcon />
            {t("wallet.transfer.action")}
          </Button>
        </div>
      )}

      {isContact && <ProfileMomentsRows userId={userId} />}

      <ListGroup>
        {isContact && (
          <ListRow title={t("profile.remove")} tone="danger" onClick={() => setConfirming("remove")} />
        )}
        <ListRow title={t("profile.block")} tone="danger" onClick={() => setConfirming("block")} />
      </ListGroup>

      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming === "block" ? t("profile.blockTitle", { name }) : t("profile.removeTitle", { name })
        }
        description={confirming === "block" ? t("profile.blockBody") : t("profile.removeBody")}
        confirmLabel={confirming === "block" ? t("profile.blockConfirm") : t("profile.removeConfirm")}
        busy={remove.isPending || block.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirming(null)}
      />
    </Page>
  );
}

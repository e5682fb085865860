import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Button } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { ConversationAvatar } from "../chats/ConversationAvatar.tsx";
import { useConversation } from "../chats/chat-queries.ts";
import { SaveIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { QrImage, saveQrImage } from "./QrImage.tsx";
import { useGroupInvite } from "./qr-queries.ts";
import { describeQrError } from "./ScanResult.tsx";

/** Group QR code: an invite anyone can scan to join, good for 7 days. */
export function GroupQrScreen() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const id = useParams().conversationId ?? "";
  const conversation = useConversation(id);
  const invite = useGroupInvite(id);
  const title = conversation.data?.title ?? "";

  if (conversation.isError && isApiError(conversation.error) && conversation.error.status === 404) {
    return (
      <Page title={t("qr.groupCode.title")} back={paths.chats}>
        <EmptyState title={t("chat.gone")} />
      </Page>
    );
  }

  const until = invite.data
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(invite.data.expiresAt))
    : null;

  return (
    <Page title={t("qr.groupCode.title")} back={paths.chatInfo(id)}>
      <div className={styles.stage}>
        <section className={styles.card} aria-label={t("qr.groupCode.cardLabel", { title })}>
          <header className={styles.cardHead}>
            {conversation.data && (
              <span className={styles.groupAvatar}>
                <ConversationAvatar conversation={conversation.data} meId={me.id} />
              </span>
            )}
            <div className={styles.cardWho}>
              <h2 className={styles.cardName}>{title}</h2>
              {conversation.data && (
                <p className={styles.cardHandle}>
                  {t("qr.group.members", { count: conversation.data.members.length })}
                </p>
              )}
            </div>
          </header>
          {invite.isError ? (
            isApiError(invite.error) && invite.error.status !== 0 ? (
              <p className={styles.caption} role="alert">
                {describeQrError(t, invite.error)}
              </p>
            ) : (
              <ErrorState error={invite.error} onRetry={() => void invite.refetch()} />
            )
          ) : invite.isPending ? (
            <div className={styles.qrFrame}>
              <span className={styles.qrPlaceholder} role="status" aria-label={t("common.loading")} />
            </div>
          ) : (
            <QrImage url={invite.data.url} label={t("qr.groupCode.qrLabel", { title })} />
          )}
          <p className={styles.caption}>
            {until ? t("qr.groupCode.caption", { date: until }) : t("qr.groupCode.captionShort")}
          </p>
        </section>
        <div className={styles.cardActions}>
          <Button
            variant="plain"
            disabled={!invite.data}
            onClick={() => invite.data && void saveQrImage(invite.data.url, "agora-group.png")}
          >
            <SaveIcon />
            {t("qr.saveImage")}
          </Button>
        </div>
      </div>
    </Page>
  );
}

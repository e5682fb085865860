import { type Message, RECALL_WINDOW_MS } from "@agora/protocol/messaging";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Chat.module.css";
import { useRecall } from "./chat-queries.ts";

/** What a long press (or right click) on a message offers: copy its text, recall it if mine and recent. */
export function MessageActions({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const recall = useRecall(me.id);
  const [confirming, setConfirmingState] = useState(false);
  // The native dialog reports "close" when it hides to make room for the confirmation: not a cancel.
  const confirmingRef = useRef(false);
  const setConfirming = (value: boolean) => {
    confirmingRef.current = value;
    setConfirmingState(value);
  };

  const canRecall =
    message !== null &&
    message.senderId === me.id &&
    !message.recalled &&
    !message.id.startsWith("local:") &&
    Date.now() - Date.parse(message.createdAt) < RECALL_WINDOW_MS;

  const close = () => {
    setConfirming(false);
    recall.reset();
    onClose();
  };

  return (
    <>
      <Dialog
        open={message !== null && !confirming}
        title={t("chat.actions")}
        onClose={() => {
          if (!confirmingRef.current) close();
        }}
      >
        <div className={styles.actionList}>
          {recall.isError && (
            <Alert tone="error">
              {isApiError(recall.error, "recall_window_passed")
                ? t("chat.recallExpired")
                : describeError(t, recall.error)}
            </Alert>
          )}
          {message?.text && (
            <Button
              variant="secondary"
              block
              onClick={() => {
                void navigator.clipboard?.writeText(message.text ?? "").catch(() => undefined);
                close();
              }}
            >
              {t("chat.copy")}
            </Button>
          )}
          {canRecall && !recall.isError ? (
            <Button variant="danger" block onClick={() => setConfirming(true)}>
              {t("chat.recall")}
            </Button>
          ) : (
            message?.senderId === me.id &&
            !message.recalled && <p className={styles.actionHint}>{t("chat.recallExpired")}</p>
          )}
          <Button variant="plain" block onClick={close}>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={message !== null && confirming}
        title={t("chat.recallTitle")}
        description={t("chat.recallBody")}
        confirmLabel={t("chat.recallConfirm")}
        busy={recall.isPending}
        onConfirm={() => {
          if (message) recall.mutate(message.id, { onSuccess: close, onError: () => setConfirming(false) });
        }}
        onCancel={() => {
          if (confirmingRef.current) close();
        }}
      />
    </>
  );
}

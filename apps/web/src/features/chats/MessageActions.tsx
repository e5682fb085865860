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
import { ReadByDialog } from "./ReadBy.tsx";

/**
 * What a long press (or right click) on a message offers: copy its text, recall it if mine and
 * recent, and in a group see who has read it (mine only).
 */
export function MessageActions({
  message,
  group = false,
  onClose,
}: {
  message: Message | null;
  group?: boolean;
  onClose: () => void;
}) {
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

  // The same for the "Read by" sheet that takes this one's place.
  const [reading, setReadingState] = useState(false);
  const readingRef = useRef(false);
  const setReading = (value: boolean) => {
    readingRef.current = value;
    setReadingState(value);
  };

  const canSeeReads =
    group &&
    message !== null &&
    message.senderId === me.id &&
    message.kind !== "system" &&
    !message.id.startsWith("local:");

  const canRecall =
    message !== null &&
    message.senderId === me.id &&
    !message.recalled &&
    !message.id.startsWith("local:") &&
    Date.now() - Date.parse(message.createdAt) < RECALL_WINDOW_MS;

  const close = () => {
    setConfirming(false);
    setReading(false);
    recall.reset();
    onClose();
  };

  return (
    <>
      <Dialog
        open={message !== null && !confirming && !reading}
        title={t("chat.actions")}
        onClose={() => {
          if (!confirmingRef.current && !readingRef.current) close();
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
          {canSeeReads && (
            <Button variant="secondary" block onClick={() => setReading(true)}>
              {t("chat.readBy.action")}
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
      <ReadByDialog open={message !== null && reading} message={message} onClose={close} />
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

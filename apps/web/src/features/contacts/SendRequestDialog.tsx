import type { User } from "@agora/protocol/identity";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog, DialogActions } from "../../ui/Dialog.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Contacts.module.css";
import { useSendRequest } from "./contacts-queries.ts";

const MESSAGE_MAX = 200;

/** The optional note that goes with a friend request, then sending it. */
export function SendRequestDialog({
  user,
  onClose,
  onSent,
}: {
  user: User | null;
  onClose: () => void;
  onSent: (user: User) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const send = useSendRequest();
  const messageId = useId();
  const [message, setMessage] = useState("");

  const { reset } = send;
  useEffect(() => {
    if (user) {
      setMessage(t("search.messageDefault", { name: me.displayName }));
      reset();
    }
  }, [user, me.displayName, t, reset]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    const trimmed = message.trim();
    send.mutate(
      { userId: user.id, ...(trimmed ? { message: trimmed } : {}) },
      { onSuccess: () => onSent(user) },
    );
  };

  const failure = send.error
    ? isApiError(send.error, "already_contacts")
      ? t("search.errors.alreadyContacts")
      : isApiError(send.error, "blocked")
        ? t("search.errors.blocked")
        : isApiError(send.error, "cannot_add_self")
          ? t("search.errors.cannotAddSelf")
          : describeError(t, send.error)
    : undefined;

  return (
    <Dialog
      open={user !== null}
      title={t("search.dialogTitle")}
      description={user ? t("search.dialogBody", { name: user.displayName }) : undefined}
      onClose={onClose}
    >
      <form className={styles.dialogForm} onSubmit={onSubmit}>
        {failure && <Alert tone="error">{failure}</Alert>}
        <label htmlFor={messageId} className={styles.fieldLabel}>
          {t("search.messageLabel")}
        </label>
        <textarea
          id={messageId}
          className={styles.textarea}
          maxLength={MESSAGE_MAX}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <DialogActions>
          <Button variant="secondary" onClick={onClose} disabled={send.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? t("search.sending") : t("search.send")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

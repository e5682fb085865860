import type { User } from "@agora/protocol/identity";
import { MAX_COMMENT_TEXT } from "@agora/protocol/moments";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../i18n/describe-error.ts";
import { SendIcon } from "../../ui/Icons.tsx";
import styles from "./Moments.module.css";
import { useAddComment } from "./moments-queries.ts";

export interface CommentTarget {
  momentId: string;
  replyTo: User | null;
}

/**
 * The comment field at the bottom of the screen, as in WeChat: opened by Comment or by tapping
 * someone's comment (a reply); Escape or a tap elsewhere closes it, and focus goes back.
 */
export function CommentBar({ target, onClose }: { target: CommentTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const add = useAddComment();
  const open = target !== null;
  const key = target ? `${target.momentId}:${target.replyTo?.id ?? ""}` : "";

  useEffect(() => {
    if (!key) return;
    // Focus goes back where it came from for keyboard users; a tap needs no ring left behind.
    const opener = document.activeElement as HTMLElement | null;
    returnTo.current = opener?.matches(":focus-visible") ? opener : null;
    setText("");
    add.reset();
    input.current?.focus({ preventScroll: true });
    // The moment being answered stays in sight above the bar.
    document
      .querySelector(`[data-moment-id="${CSS.escape(key.split(":")[0] ?? "")}"]`)
      ?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    // Reset only when the target changes.
  }, [key]);

  if (!open) return null;

  const close = () => {
    onClose();
    returnTo.current?.focus?.();
  };
  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed || add.isPending) return;
    add.mutate(
      { id: target.momentId, text: trimmed, replyToUserId: target.replyTo?.id },
      { onSuccess: close },
    );
  };
  const placeholder = target.replyTo
    ? t("moments.replyTo", { name: target.replyTo.displayName })
    : t("moments.commentPlaceholder");

  return (
    <>
      <div className={styles.commentScrim} onClick={close} aria-hidden="true" />
      <form
        className={styles.commentBar}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            close();
          }
        }}
      >
        {add.isError && (
          <p className={styles.commentError} role="alert">
            {describeError(t, add.error)}
          </p>
        )}
        <div className={styles.commentRow}>
          <textarea
            ref={input}
            className={styles.commentInput}
            rows={1}
            value={text}
            maxLength={MAX_COMMENT_TEXT}
            placeholder={placeholder}
            aria-label={placeholder}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
          />
          <button
            type="submit"
            className={styles.commentSend}
            disabled={!text.trim() || add.isPending}
            aria-label={t("moments.send")}
          >
            <SendIcon />
          </button>
        </div>
      </form>
    </>
  );
}

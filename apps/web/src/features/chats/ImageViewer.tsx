import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CloseIcon } from "../../ui/Icons.tsx";
import styles from "./Chat.module.css";

/** A photo at full size over everything; Escape, the close button or a tap outside closes it. */
export function ImageViewer({ src, onClose }: { src: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (src && !dialog.open) dialog.showModal();
    if (!src && dialog.open) dialog.close();
  }, [src]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes through onCancel; this is a tap on the backdrop.
    <dialog
      ref={ref}
      className={styles.viewer}
      aria-label={t("chat.photo")}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {src && (
        <>
          <img src={src} alt={t("chat.photo")} className={styles.viewerImage} />
          <button
            type="button"
            className={styles.viewerClose}
            onClick={onClose}
            aria-label={t("chat.closePhoto")}
          >
            <CloseIcon />
          </button>
        </>
      )}
    </dialog>
  );
}

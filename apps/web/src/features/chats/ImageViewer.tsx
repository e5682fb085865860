import { useTranslation } from "react-i18next";
import { CloseIcon } from "../../ui/Icons.tsx";
import { useModalDialog } from "../../ui/use-modal-dialog.ts";
import styles from "./Chat.module.css";

/** A photo at full size over everything; Escape, the close button or a tap outside closes it. */
export function ImageViewer({ src, onClose }: { src: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { ref, props } = useModalDialog(src !== null, onClose);

  return (
    <dialog ref={ref} className={styles.viewer} aria-label={t("chat.photo")} {...props}>
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

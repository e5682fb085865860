import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { CloseIcon } from "../../ui/Icons.tsx";
import { useModalDialog } from "../../ui/use-modal-dialog.ts";
import styles from "./Sheet.module.css";

export interface SheetProps {
  open: boolean;
  title: string;
  onClose: () => void;
  /** While a payment is on its way the sheet can't be dismissed. */
  busy?: boolean;
  children: ReactNode;
}

/**
 * A modal sheet from the bottom of the screen (a centred card on wide windows), on the native
 * <dialog>: focus stays inside, Escape closes, focus returns to what opened it.
 */
export function Sheet({ open, title, onClose, busy, children }: SheetProps) {
  const { t } = useTranslation();
  const { ref, props } = useModalDialog(open, () => {
    if (!busy) onClose();
  });
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className={styles.sheet}
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      {...props}
    >
      {open && (
        <div className={styles.body}>
          <header className={styles.header}>
            <button
              type="button"
              className={styles.close}
              onClick={onClose}
              disabled={busy}
              aria-label={t("wallet.close")}
            >
              <CloseIcon />
            </button>
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
            <span className={styles.close} aria-hidden="true" />
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}

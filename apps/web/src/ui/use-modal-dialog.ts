import { type MouseEvent, type SyntheticEvent, useEffect, useRef } from "react";

/**
 * Drives a native <dialog> as a modal: shown while `open`, and every way out (Escape, a tap on
 * the backdrop, the browser closing it) goes through `onClose`, so the caller's state stays the
 * one truth. Spread `props` on the <dialog>.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return {
    ref,
    props: {
      // React replays a nested dialog's close and cancel on its ancestors: only our own count.
      onClose: (event: SyntheticEvent<HTMLDialogElement>) => {
        if (event.target === event.currentTarget) onClose();
      },
      onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      },
      onClick: (event: MouseEvent<HTMLDialogElement>) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      },
    },
  };
}

import type { MomentMedia } from "@agora/protocol/moments";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BackIcon, ChevronIcon, CloseIcon } from "../../ui/Icons.tsx";
import { useModalDialog } from "../../ui/use-modal-dialog.ts";
import styles from "./PhotoViewer.module.css";

/**
 * A moment's photos at full size over everything. The strip scrolls with snap points, so a
 * finger swipes from one to the next natively; arrow keys and the side buttons do the same.
 */
export function PhotoViewer({
  photos,
  start,
  onClose,
}: {
  photos: MomentMedia[];
  /** The photo to open at; null when closed. */
  start: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const open = start !== null;
  const { ref, props } = useModalDialog(open, onClose);
  const strip = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(start ?? 0);

  useEffect(() => {
    if (start === null) return;
    setIndex(start);
    const el = strip.current;
    if (el) el.scrollTo({ left: start * el.clientWidth, behavior: "instant" });
  }, [start]);

  const go = (next: number) => {
    const el = strip.current;
    if (!el || next < 0 || next >= photos.length) return;
    setIndex(next);
    el.scrollTo({ left: next * el.clientWidth, behavior: "smooth" });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowRight") go(index + 1);
    else if (event.key === "ArrowLeft") go(index - 1);
    else return;
    event.preventDefault();
  };

  return (
    <dialog
      ref={ref}
      className={styles.viewer}
      aria-label={t("moments.viewer.title")}
      onKeyDown={onKeyDown}
      {...props}
      onClick={(e) => {
        // A tap on the dark around a photo closes, as a tap on a backdrop would.
        const target = e.target as HTMLElement;
        if (target === e.currentTarget || target.dataset.slide || target === strip.current) onClose();
      }}
    >
      {open && (
        <>
          <div
            ref={strip}
            className={styles.strip}
            onScroll={(e) => {
              const el = e.currentTarget;
              const i = Math.round(el.scrollLeft / Math.max(1, el.clientWidth));
              if (i !== index) setIndex(i);
            }}
          >
            {photos.map((photo, i) => (
              <div key={photo.id} className={styles.slide} data-slide="true" aria-hidden={i !== index}>
                <img
                  src={photo.url}
                  alt={t("moments.viewer.photo", { index: i + 1, count: photos.length })}
                  className={styles.image}
                  draggable={false}
                  loading={Math.abs(i - index) <= 1 ? "eager" : "lazy"}
                />
              </div>
            ))}
          </div>
          {photos.length > 1 && (
            <>
              <p className={styles.counter} aria-live="polite">
                {t("moments.viewer.position", { index: index + 1, count: photos.length })}
              </p>
              <button
                type="button"
                className={`${styles.nav} ${styles.prev}`}
                onClick={() => go(index - 1)}
                disabled={index === 0}
                aria-label={t("moments.viewer.previous")}
              >
                <BackIcon />
              </button>
              <button
                type="button"
                className={`${styles.nav} ${styles.next}`}
                onClick={() => go(index + 1)}
                disabled={index === photos.length - 1}
                aria-label={t("moments.viewer.next")}
              >
                <ChevronIcon />
              </button>
            </>
          )}
          <button
            type="button"
            className={styles.close}
            onClick={onClose}
            aria-label={t("moments.viewer.close")}
          >
            <CloseIcon />
          </button>
        </>
      )}
    </dialog>
  );
}

import type { MomentMedia } from "@agora/protocol/moments";
import { useTranslation } from "react-i18next";
import styles from "./Moments.module.css";

/**
 * A moment's photos as WeChat lays them out: one photo large in its own shape, two to four in
 * two columns, five to nine in three. Each opens the viewer at that photo.
 */
export function PhotoGrid({ media, onOpen }: { media: MomentMedia[]; onOpen: (index: number) => void }) {
  const { t } = useTranslation();
  if (media.length === 0) return null;
  const total = media.length;

  if (total === 1) {
    const photo = media[0] as MomentMedia;
    const ratio = photo.width && photo.height ? photo.width / photo.height : 1;
    // Tall photos stand narrower, wide ones lie wider, as in WeChat.
    const shape = ratio >= 1 ? styles.single : styles.singleTall;
    return (
      <div className={styles.photos}>
        <button
          type="button"
          className={`${styles.photo} ${shape}`}
          style={{ aspectRatio: String(Math.min(Math.max(ratio, 0.6), 1.8)) }}
          onClick={() => onOpen(0)}
          aria-label={t("moments.openPhoto", { index: 1, count: 1 })}
        >
          <img src={photo.thumbUrl} alt="" loading="lazy" draggable={false} />
        </button>
      </div>
    );
  }

  return (
    <ul className={`${styles.photos} ${styles.grid} ${total <= 4 ? styles.two : styles.three}`}>
      {media.map((photo, i) => (
        <li key={photo.id}>
          <button
            type="button"
            className={styles.photo}
            onClick={() => onOpen(i)}
            aria-label={t("moments.openPhoto", { index: i + 1, count: total })}
          >
            <img src={photo.thumbUrl} alt="" loading="lazy" draggable={false} />
          </button>
        </li>
      ))}
    </ul>
  );
}

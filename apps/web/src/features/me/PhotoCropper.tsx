import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import styles from "./Me.module.css";
import { type Crop, clampCrop, cropSide, MAX_ZOOM } from "./photo.ts";

export interface PhotoCropperProps {
  /** The chosen picture (an object URL) and its size in pixels. */
  url: string;
  width: number;
  height: number;
  crop: Crop;
  onChange: (crop: Crop) => void;
}

/**
 * The square frame shows exactly what will be kept: drag the picture (or use the arrow keys) to
 * move it, and the slider to zoom in.
 */
export function PhotoCropper({ url, width, height, crop, onChange }: PhotoCropperProps) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const [frameSize, setFrameSize] = useState(0);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setFrameSize(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Picture pixels → screen pixels: the kept square fills the frame.
  const scale = frameSize / cropSide(width, height, crop.zoom);
  const move = (dxScreen: number, dyScreen: number) => {
    if (scale > 0)
      onChange(
        clampCrop(width, height, { ...crop, cx: crop.cx - dxScreen / scale, cy: crop.cy - dyScreen / scale }),
      );
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last) return;
    drag.current = { x: event.clientX, y: event.clientY };
    move(event.clientX - last.x, event.clientY - last.y);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = frameSize / 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const delta = moves[event.key];
    if (!delta) return;
    event.preventDefault();
    move(delta[0], delta[1]);
  };

  return (
    <>
      <div
        ref={frame}
        className={`${styles.photoFrame} ${styles.cropFrame}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the frame is moved with the arrow keys.
        tabIndex={0}
        role="application"
        aria-label={t("me.photoMove")}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        {frameSize > 0 && (
          <img
            className={styles.cropImage}
            src={url}
            alt={t("me.photo")}
            draggable={false}
            style={{
              width: width * scale,
              height: height * scale,
              left: frameSize / 2 - crop.cx * scale,
              top: frameSize / 2 - crop.cy * scale,
            }}
          />
        )}
      </div>
      <label className={styles.zoom}>
        <span>{t("me.photoZoom")}</span>
        <input
          type="range"
          min={1}
          max={MAX_ZOOM}
          step={0.01}
          value={crop.zoom}
          onChange={(e) => onChange(clampCrop(width, height, { ...crop, zoom: Number(e.target.value) }))}
        />
      </label>
    </>
  );
}

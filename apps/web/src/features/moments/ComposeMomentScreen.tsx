import {
  MAX_MOMENT_PHOTOS,
  MAX_MOMENT_TEXT,
  type MomentVisibility,
  type MomentVisibilityMode,
} from "@agora/protocol/moments";
import type { TFunction } from "i18next";
import { type DragEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ChevronIcon, CloseIcon, ImageIcon } from "../../ui/Icons.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Compose.module.css";
import { ArrowLeftIcon, ArrowRightIcon } from "./MomentIcons.tsx";
import { PlainPage } from "./MomentsLayout.tsx";
import { useCreateMoment } from "./moments-queries.ts";
import { useBackTo } from "./use-back-to.ts";
import { type PickedPhoto, usePhotoUploads } from "./use-photo-uploads.ts";
import { VisibilityIcon, VisibilityPicker } from "./VisibilityPicker.tsx";

/** The choice being made, before it becomes the wire's visibility. */
export interface VisibilityChoice {
  mode: MomentVisibilityMode;
  userIds: string[];
}

export function toVisibility(choice: VisibilityChoice): MomentVisibility {
  return choice.mode === "only" || choice.mode === "except"
    ? { mode: choice.mode, userIds: choice.userIds }
    : { mode: choice.mode };
}

/** Post a moment: text, up to nine photos (uploaded at once, arranged before posting) and who sees it. */
export function ComposeMomentScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateMoment(me);
  const uploads = usePhotoUploads();
  const [text, setText] = useState("");
  const [visibility, setVisibility] = useState<VisibilityChoice>({ mode: "contacts", userIds: [] });
  const [choosing, setChoosing] = useState(false);
  const [overflow, setOverflow] = useState(0);
  const [discarding, setDiscarding] = useState(false);
  const back = useBackTo(paths.moments);
  const leave = () => navigate(back, { replace: true });
  const textId = useId();

  const photos = uploads.photos;
  const uploading = photos.some((p) => !p.mediaId && !p.error);
  const failed = photos.some((p) => p.error);
  const needsPeople =
    (visibility.mode === "only" || visibility.mode === "except") && visibility.userIds.length === 0;
  const hasContent = text.trim().length > 0 || photos.length > 0;
  const valid = hasContent && !uploading && !failed && !needsPeople && text.length <= MAX_MOMENT_TEXT;

  const post = () => {
    if (!valid || create.isPending) return;
    const trimmed = text.trim();
    create.mutate(
      {
        ...(trimmed ? { text: trimmed } : {}),
        ...(photos.length > 0 ? { mediaIds: photos.map((p) => p.mediaId ?? "") } : {}),
        visibility: toVisibility(visibility),
      },
      { onSuccess: leave },
    );
  };

  if (choosing) {
    return (
      <VisibilityPicker
        value={visibility}
        onDone={(choice) => {
          setVisibility(choice);
          setChoosing(false);
        }}
      />
    );
  }

  const hint = uploading
    ? t("moments.compose.uploadingHint")
    : failed
      ? t("moments.compose.failedHint")
      : needsPeople
        ? t("moments.compose.needsPeople")
        : null;

  return (
    <PlainPage
      title={t("moments.compose.title")}
      start={
        <button
          type="button"
          className={styles.textButton}
          onClick={() => (hasContent ? setDiscarding(true) : leave())}
        >
          {t("common.cancel")}
        </button>
      }
      action={
        <Button size="sm" onClick={post} disabled={!valid || create.isPending}>
          {create.isPending ? t("moments.compose.posting") : t("moments.compose.post")}
        </Button>
      }
    >
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          post();
        }}
      >
        <label htmlFor={textId} className="visually-hidden">
          {t("moments.compose.textLabel")}
        </label>
        <textarea
          id={textId}
          className={styles.text}
          value={text}
          rows={4}
          maxLength={MAX_MOMENT_TEXT}
          placeholder={t("moments.compose.placeholder")}
          onChange={(e) => {
            setText(e.target.value);
            create.reset();
          }}
        />
        {text.length > MAX_MOMENT_TEXT - 200 && (
          <p className={styles.counter}>
            {t("moments.compose.remaining", { count: MAX_MOMENT_TEXT - text.length })}
          </p>
        )}

        <PhotoTiles
          photos={photos}
          onMove={uploads.move}
          onRemove={uploads.remove}
          onRetry={uploads.retry}
          onPick={(files) => setOverflow(uploads.add(files, MAX_MOMENT_PHOTOS - photos.length))}
        />
        {overflow > 0 && (
          <Alert tone="info">{t("moments.compose.tooMany", { count: MAX_MOMENT_PHOTOS })}</Alert>
        )}

        <button type="button" className={styles.visibilityRow} onClick={() => setChoosing(true)}>
          <span className={styles.visibilityIcon}>
            <VisibilityIcon mode={visibility.mode} />
          </span>
          <span className={styles.visibilityLabel}>{t("moments.visibility.title")}</span>
          <span className={styles.visibilityValue}>
            {t(`moments.visibility.${visibility.mode}`)}
            {(visibility.mode === "only" || visibility.mode === "except") &&
              visibility.userIds.length > 0 &&
              ` (${visibility.userIds.length})`}
          </span>
          <ChevronIcon className={styles.chevron} />
        </button>

        {hint && (
          <p className={styles.hint} role="status">
            {hint}
          </p>
        )}
        {create.isError && <Alert tone="error">{describePostError(t, create.error)}</Alert>}
      </form>
      <ConfirmDialog
        open={discarding}
        title={t("moments.compose.discardTitle")}
        description={t("moments.compose.discardBody")}
        confirmLabel={t("moments.compose.discard")}
        onCancel={() => setDiscarding(false)}
        onConfirm={leave}
      />
    </PlainPage>
  );
}

function describePostError(t: TFunction, err: unknown): string {
  if (isApiError(err, "validation_failed")) return t("moments.compose.errors.invalid");
  if (isApiError(err) && (err.status === 404 || err.status === 403)) return t("moments.compose.errors.media");
  if (isApiError(err) && err.status === 413) return t("moments.compose.errors.tooLarge");
  return describeError(t, err);
}

/** The picked photos in order, each movable (buttons or dragging) and removable, then the add tile. */
function PhotoTiles({
  photos,
  onMove,
  onRemove,
  onRetry,
  onPick,
}: {
  photos: PickedPhoto[];
  onMove: (from: number, to: number) => void;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  onPick: (files: File[]) => void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState<number | null>(null);
  const total = photos.length;

  return (
    <ul className={styles.tiles} aria-label={t("moments.compose.photos", { count: total })}>
      {photos.map((photo, i) => {
        const n = { index: i + 1, count: total };
        return (
          <li
            key={photo.key}
            className={`${styles.tile} ${dragging === i ? styles.dragging : ""}`}
            draggable
            onDragStart={(e: DragEvent) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = "move";
            }}
            onDragOver={(e) => {
              if (dragging === null) return;
              e.preventDefault();
              if (dragging !== i) {
                onMove(dragging, i);
                setDragging(i);
              }
            }}
            onDragEnd={() => setDragging(null)}
            onDrop={(e) => e.preventDefault()}
          >
            <img src={photo.localUrl} alt={t("moments.compose.photo", n)} className={styles.preview} />
            {!photo.mediaId && !photo.error && (
              <div className={styles.progress}>
                <progress
                  max={1}
                  value={photo.progress}
                  aria-label={t("moments.compose.uploading", {
                    ...n,
                    percent: Math.round(photo.progress * 100),
                  })}
                />
                <span aria-hidden="true">{Math.round(photo.progress * 100)}%</span>
              </div>
            )}
            {photo.error && (
              <div className={styles.failed} role="alert">
                <span>{t(`moments.compose.photoErrors.${photo.error}`)}</span>
                {photo.error === "failed" && (
                  <button type="button" className={styles.retry} onClick={() => onRetry(photo.key)}>
                    {t("common.retry")}
                  </button>
                )}
              </div>
            )}
            <button
              type="button"
              className={styles.remove}
              onClick={() => onRemove(photo.key)}
              aria-label={t("moments.compose.remove", n)}
            >
              <CloseIcon />
            </button>
            {total > 1 && (
              <div className={styles.moves}>
                <button
                  type="button"
                  className={styles.move}
                  disabled={i === 0}
                  onClick={() => onMove(i, i - 1)}
                  aria-label={t("moments.compose.moveEarlier", n)}
                >
                  <ArrowLeftIcon />
                </button>
                <button
                  type="button"
                  className={styles.move}
                  disabled={i === total - 1}
                  onClick={() => onMove(i, i + 1)}
                  aria-label={t("moments.compose.moveLater", n)}
                >
                  <ArrowRightIcon />
                </button>
              </div>
            )}
          </li>
        );
      })}
      {total < MAX_MOMENT_PHOTOS && (
        <li className={styles.tile}>
          <label className={styles.add}>
            <ImageIcon />
            <span>{total === 0 ? t("moments.compose.addPhotos") : `${total}/${MAX_MOMENT_PHOTOS}`}</span>
            <input
              type="file"
              accept="image/*"
              multiple
              className="visually-hidden"
              aria-label={t("moments.compose.addPhotos")}
              onChange={(e) => {
                onPick([...(e.target.files ?? [])]);
                e.target.value = "";
              }}
            />
          </label>
        </li>
      )}
    </ul>
  );
}

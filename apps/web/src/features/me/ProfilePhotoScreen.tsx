import type { TFunction } from "i18next";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Me.module.css";
import { PhotoCropper } from "./PhotoCropper.tsx";
import {
  type Crop,
  centredCrop,
  checkPhotoFile,
  decodePhoto,
  type PhotoProblem,
  renderCrop,
} from "./photo.ts";
import { useRemoveProfilePhoto, useUploadProfilePhoto } from "./use-profile-photo.ts";

/** The chosen photo, decoded, shown in the crop frame before it is uploaded. */
interface Pending {
  bitmap: ImageBitmap;
  url: string;
}

/** Choose a photo → move and zoom its square crop → upload it with progress → it becomes my avatar. Or remove it. */
export function ProfilePhotoScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [crop, setCrop] = useState<Crop>({ cx: 0, cy: 0, zoom: 1 });
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  const [preparing, setPreparing] = useState(false);
  const upload = useUploadProfilePhoto();
  const remove = useRemoveProfilePhoto();
  const abort = useRef<AbortController | null>(null);

  // The preview's object URL lives as long as the preview; an upload in flight stops on leaving.
  useEffect(
    () => () => {
      if (!pending) return;
      URL.revokeObjectURL(pending.url);
      pending.bitmap.close();
    },
    [pending],
  );
  useEffect(() => () => abort.current?.abort(), []);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again still fires a change
    if (!file) return;
    upload.reset();
    remove.reset();
    setPending(null);
    const found = checkPhotoFile(file);
    setProblem(found);
    if (found) return;
    setPreparing(true);
    try {
      const bitmap = await decodePhoto(file);
      setCrop(centredCrop(bitmap.width, bitmap.height));
      setPending({ bitmap, url: URL.createObjectURL(file) });
    } catch {
      setProblem("notImage");
    } finally {
      setPreparing(false);
    }
  };

  const onUse = async () => {
    if (!pending) return;
    setPreparing(true);
    let photo: Blob;
    try {
      photo = await renderCrop(pending.bitmap, crop);
    } catch {
      setProblem("notImage");
      return;
    } finally {
      setPreparing(false);
    }
    abort.current = new AbortController();
    upload.mutate({ photo, signal: abort.current.signal }, { onSuccess: () => navigate(paths.me) });
  };

  const errorText = problem
    ? t(problem === "tooLarge" ? "me.photoTooLarge" : "me.photoNotImage")
    : upload.isError && !isAbort(upload.error)
      ? describeUploadError(t, upload.error)
      : remove.isError
        ? describeError(t, remove.error)
        : null;

  const choose = () => input.current?.click();
  const busy = upload.isPending || remove.isPending || preparing;
  const percent = Math.round(upload.progress * 100);

  return (
    <Page title={t("me.photo")} back={paths.me}>
      <div className={styles.photoPanel}>
        {pending ? (
          <PhotoCropper
            url={pending.url}
            width={pending.bitmap.width}
            height={pending.bitmap.height}
            crop={crop}
            onChange={setCrop}
          />
        ) : (
          <div className={styles.photoFrame}>
            {me.avatarUrl ? (
              <img className={styles.photoImage} src={me.avatarUrl} alt={t("me.photo")} />
            ) : (
              <Avatar user={me} size="xl" />
            )}
          </div>
        )}

        {errorText && <Alert tone="error">{errorText}</Alert>}

        {upload.isPending && (
          <div className={styles.progress}>
            <progress max={100} value={percent} aria-labelledby="photo-progress" />
            <span id="photo-progress" aria-live="polite">
              {percent < 100 ? t("me.photoUploading", { percent }) : t("common.saving")}
            </span>
          </div>
        )}

        <input
          ref={input}
          type="file"
          accept="image/*"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={onFile}
        />
        {pending ? (
          <>
            <Button size="lg" block onClick={onUse} disabled={busy}>
              {t("me.photoUse")}
            </Button>
            <Button variant="secondary" size="lg" block onClick={choose} disabled={busy}>
              {t("me.photoChoose")}
            </Button>
          </>
        ) : (
          <>
            <Button size="lg" block onClick={choose} disabled={busy}>
              {preparing ? t("common.loading") : t("me.photoChoose")}
            </Button>
            {me.avatarUrl && (
              <Button variant="secondary" size="lg" block onClick={() => remove.mutate()} disabled={busy}>
                {t("me.photoRemove")}
              </Button>
            )}
          </>
        )}
        <p className={styles.photoHint}>{t("me.photoHint")}</p>
      </div>
    </Page>
  );
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

/** The server re-checks the bytes: too large (413) or not a readable image get their own sentence. */
function describeUploadError(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && err.status === 413) return t("me.photoTooLarge");
  if (err instanceof ApiError && (err.code === "invalid_image" || err.code === "media_kind_mismatch")) {
    return t("me.photoNotImage");
  }
  return describeError(t, err);
}

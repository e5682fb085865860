import { MAX_IMAGE_BYTES } from "@agora/protocol/media";
import { MAX_MOMENT_PHOTOS } from "@agora/protocol/moments";
import { useCallback, useEffect, useRef, useState } from "react";
import { isApiError } from "../../api/client.ts";
import { uploadMedia } from "../chats/media.ts";

/** A photo picked for a new moment: uploading at once, in the order the author arranges. */
export interface PickedPhoto {
  key: string;
  name: string;
  file: Blob;
  localUrl: string;
  progress: number;
  mediaId?: string | undefined;
  error?: "too_large" | "not_image" | "failed" | undefined;
}

/** Moves the item at `from` to `to` (both indexes in the list), keeping the others in order. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * Photos upload as soon as they are picked (with progress), so Post only sends their ids.
 * At most nine; a tenth is refused by the caller's count.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const urls = useRef(new Set<string>());

  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
      for (const url of urls.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const patch = useCallback((key: string, change: Partial<PickedPhoto>) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }, []);

  const run = useCallback(
    async (photo: PickedPhoto) => {
      if (photo.file.size > MAX_IMAGE_BYTES) {
        patch(photo.key, { error: "too_large" });
        return;
      }
      const controller = new AbortController();
      controllers.current.set(photo.key, controller);
      try {
        const media = await uploadMedia(
          photo.file,
          photo.name,
          (progress) => patch(photo.key, { progress }),
          controller.signal,
        );
        if (media.kind !== "image") patch(photo.key, { error: "not_image" });
        else patch(photo.key, { mediaId: media.id, progress: 1 });
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") return;
        patch(photo.key, { error: isApiError(err, "payload_too_large") ? "too_large" : "failed" });
      } finally {
        controllers.current.delete(photo.key);
      }
    },
    [patch],
  );

  /** Adds picked files up to nine in all; returns how many did not fit. */
  const add = useCallback(
    (files: readonly File[], room: number): number => {
      const taken = files.slice(0, Math.max(0, room));
      const added = taken.map<PickedPhoto>((file) => {
        const localUrl = URL.createObjectURL(file);
        urls.current.add(localUrl);
        return { key: crypto.randomUUID(), name: file.name, file, localUrl, progress: 0 };
      });
      setPhotos((list) => [...list, ...added].slice(0, MAX_MOMENT_PHOTOS));
      for (const photo of added) void run(photo);
      return files.length - taken.length;
    },
    [run],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setPhotos((list) => list.filter((p) => p.key !== key));
  }, []);

  const move = useCallback((from: number, to: number) => {
    setPhotos((list) => moveItem(list, from, to));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const photo = photos.find((p) => p.key === key);
      if (!photo) return;
      patch(key, { error: undefined, progress: 0 });
      void run({ ...photo, error: undefined, progress: 0 });
    },
    [photos, patch, run],
  );

  return { photos, add, remove, move, retry };
}

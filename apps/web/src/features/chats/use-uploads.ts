import { MAX_FILE_BYTES, MAX_IMAGE_BYTES } from "@agora/protocol/media";
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isApiError } from "../../api/client.ts";
import { type MediaMeta, rememberMedia, uploadMedia } from "./media.ts";
import { useOutbox } from "./outbox-context.ts";

/** A photo, voice note or file on its way up, before it becomes an outbox message. */
export interface Upload {
  clientId: string;
  conversationId: string;
  kind: "image" | "voice" | "file";
  name: string;
  progress: number;
  localUrl: string;
  createdAt: string;
  meta: MediaMeta;
  error?: "too_large" | "failed" | undefined;
  file: Blob;
}

/**
 * Uploads with progress, for every chat of the signed-in person (held above the screens, so
 * leaving a chat, or switching to another in the two-pane layout, doesn't stop one); each
 * finished upload is queued in the outbox with its clientId, so from then on it is as safe as a
 * text. (The bytes themselves live only in memory until then: a reload loses an upload in
 * flight.)
 */
export function useUploadsStore() {
  const outbox = useOutbox();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
    },
    [],
  );

  const patch = useCallback((clientId: string, change: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.clientId === clientId ? { ...u, ...change } : u)));
  }, []);

  const run = useCallback(
    async (upload: Upload) => {
      const limit = upload.kind === "image" ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
      if (upload.file.size > limit) {
        patch(upload.clientId, { error: "too_large" });
        return;
      }
      const controller = new AbortController();
      controllers.current.set(upload.clientId, controller);
      try {
        const media = await uploadMedia(
          upload.file,
          upload.name,
          (progress) => patch(upload.clientId, { progress }),
          controller.signal,
        );
        const meta: MediaMeta = {
          ...upload.meta,
          width: media.width ?? undefined,
          height: media.height ?? undefined,
          size: media.size,
          name: media.name ?? upload.meta.name,
        };
        rememberMedia(media.id, meta);
        outbox.enqueue({
          clientId: upload.clientId,
          conversationId: upload.conversationId,
          // "File" keeps what the person chose (a photo sent as a file); otherwise the bytes decide.
          kind: upload.kind === "file" ? "file" : media.kind,
          mediaId: media.id,
          // Kept for when the server stores media details; today it keeps none for media kinds.
          payload: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)),
          createdAt: upload.createdAt,
        });
        setUploads((list) => list.filter((u) => u.clientId !== upload.clientId));
        URL.revokeObjectURL(upload.localUrl);
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") return;
        patch(upload.clientId, { error: isApiError(err, "payload_too_large") ? "too_large" : "failed" });
      } finally {
        controllers.current.delete(upload.clientId);
      }
    },
    [outbox, patch],
  );

  const start = useCallback(
    (conversationId: string, file: Blob, kind: Upload["kind"], name: string, meta: MediaMeta = {}) => {
      const upload: Upload = {
        clientId: crypto.randomUUID(),
        conversationId,
        kind,
        name,
        progress: 0,
        localUrl: URL.createObjectURL(file),
        createdAt: new Date().toISOString(),
        meta: { ...meta, name: kind === "file" ? name : undefined, size: file.size },
        file,
      };
      setUploads((list) => [...list, upload]);
      void run(upload);
    },
    [run],
  );

  const retry = useCallback(
    (clientId: string) => {
      const upload = uploads.find((u) => u.clientId === clientId);
      if (!upload) return;
      patch(clientId, { error: undefined, progress: 0 });
      void run({ ...upload, error: undefined });
    },
    [uploads, patch, run],
  );

  const cancel = useCallback((clientId: string) => {
    controllers.current.get(clientId)?.abort();
    setUploads((list) => {
      const gone = list.find((u) => u.clientId === clientId);
      if (gone) URL.revokeObjectURL(gone.localUrl);
      return list.filter((u) => u.clientId !== clientId);
    });
  }, []);

  return { uploads, start, retry, cancel };
}

export type UploadsStore = ReturnType<typeof useUploadsStore>;

export const UploadsContext = createContext<UploadsStore | null>(null);

/** One chat's uploads, and starting one there. */
export function useUploads(conversationId: string) {
  const store = use(UploadsContext);
  if (!store) throw new Error("useUploads() outside OutboxProvider");
  const { uploads: all, start: startIn, retry, cancel } = store;
  const uploads = useMemo(
    () => all.filter((u) => u.conversationId === conversationId),
    [all, conversationId],
  );
  const start = useCallback(
    (file: Blob, kind: Upload["kind"], name: string, meta?: MediaMeta) =>
      startIn(conversationId, file, kind, name, meta),
    [startIn, conversationId],
  );
  return { uploads, start, retry, cancel };
}

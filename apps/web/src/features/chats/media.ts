import { MEDIA_PATH, MEDIA_THUMB_PATH, type Media, mediaRoutes } from "@agora/protocol/media";
import { API_PREFIX, fillPath } from "@agora/protocol/routes";
import { ApiError, NETWORK_ERROR, urlFor } from "../../api/client.ts";

export function mediaUrl(mediaId: string): string {
  return API_PREFIX + fillPath(MEDIA_PATH, { id: mediaId });
}

export function mediaThumbUrl(mediaId: string): string {
  return API_PREFIX + fillPath(MEDIA_THUMB_PATH, { id: mediaId });
}

/** What a media message shows besides the bytes: size, name, duration. */
export interface MediaMeta {
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  name?: string | undefined;
  size?: number | undefined;
}

/**
 * What this device learnt about media it uploaded. Messages carry no media details (the server
 * keeps no payload for media kinds yet), so the sender's own view uses these.
 */
const known = new Map<string, MediaMeta>();

export function rememberMedia(mediaId: string, meta: MediaMeta): void {
  known.set(mediaId, { ...known.get(mediaId), ...meta });
}

export function knownMedia(mediaId: string): MediaMeta | undefined {
  return known.get(mediaId);
}

/** Reads a media message's details from its payload (when the server keeps it) or from this device. */
export function metaOf(
  mediaId: string | null,
  payload: Record<string, unknown> | null | undefined,
): MediaMeta {
  const fromPayload: MediaMeta = {};
  if (payload) {
    for (const key of ["width", "height", "durationMs", "size"] as const) {
      const v = payload[key];
      if (typeof v === "number" && Number.isFinite(v)) fromPayload[key] = v;
    }
    if (typeof payload.name === "string") fromPayload.name = payload.name;
  }
  return { ...(mediaId ? known.get(mediaId) : undefined), ...fromPayload };
}

/**
 * Uploads one file (multipart field `file`) with progress; XHR because fetch can't report
 * upload progress. Rejects with ApiError like `call()`.
 */
export function uploadMedia(
  file: Blob,
  name: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Media> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", urlFor(mediaRoutes.upload));
    xhr.responseType = "json";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (Media & { code?: string; detail?: string }) | null;
      if (xhr.status === 201 && body) {
        onProgress(1);
        resolve(body);
      } else {
        reject(new ApiError(xhr.status, body?.code ?? "unknown_error", body?.detail ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, "The server could not be reached."));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.append("file", file, name);
    xhr.send(form);
  });
}

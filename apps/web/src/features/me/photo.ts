import { MAX_IMAGE_BYTES } from "@agora/protocol/media";

/** The longest edge of a profile photo: avatars are at most 88 px, the photo screen ~240 px. */
export const PHOTO_EDGE = 1024;

export type PhotoProblem = "tooLarge" | "notImage";

/** What the browser can tell before uploading: the server checks again from the bytes. */
export function checkPhotoFile(file: Pick<File, "type" | "size">): PhotoProblem | null {
  if (!file.type.startsWith("image/")) return "notImage";
  if (file.size > MAX_IMAGE_BYTES) return "tooLarge";
  return null;
}

export const MAX_ZOOM = 4;

/** Which square of the picture is kept: its centre in picture pixels, and a zoom ≥ 1. */
export interface Crop {
  cx: number;
  cy: number;
  zoom: number;
}

/** The edge of the kept square: the short side at zoom 1, smaller when zoomed in. */
export function cropSide(width: number, height: number, zoom: number): number {
  return Math.min(width, height) / zoom;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Keeps the square inside the picture and the zoom within 1..MAX_ZOOM. */
export function clampCrop(width: number, height: number, crop: Crop): Crop {
  const zoom = clamp(crop.zoom, 1, MAX_ZOOM);
  const half = cropSide(width, height, zoom) / 2;
  return { zoom, cx: clamp(crop.cx, half, width - half), cy: clamp(crop.cy, half, height - half) };
}

/** The centred square, the starting crop. */
export function centredCrop(width: number, height: number): Crop {
  return { cx: width / 2, cy: height / 2, zoom: 1 };
}

/** The source rectangle of a crop and the edge it is scaled to (at most `maxEdge`). */
export function cropRect(width: number, height: number, crop: Crop, maxEdge = PHOTO_EDGE) {
  const { cx, cy, zoom } = clampCrop(width, height, crop);
  const side = Math.max(1, Math.floor(cropSide(width, height, zoom)));
  return {
    sx: clamp(Math.round(cx - side / 2), 0, width - side),
    sy: clamp(Math.round(cy - side / 2), 0, height - side),
    side,
    edge: Math.max(1, Math.min(side, maxEdge)),
  };
}

/** Decodes a photo; rejects when the browser can't (not an image, or a format it can't read). */
export function decodePhoto(file: Blob): Promise<ImageBitmap> {
  return createImageBitmap(file);
}

/**
 * Draws the kept square, at most PHOTO_EDGE wide, as a JPEG: what is uploaded is exactly what the
 * frame showed, and a 12-megapixel photo becomes a few hundred kilobytes.
 */
export async function renderCrop(bitmap: ImageBitmap, crop: Crop): Promise<Blob> {
  const { sx, sy, side, edge } = cropRect(bitmap.width, bitmap.height, crop);
  const canvas = document.createElement("canvas");
  canvas.width = edge;
  canvas.height = edge;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("No 2D canvas");
  // JPEG has no transparency: a transparent PNG sits on white, as avatars show it.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, edge, edge);
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, sx, sy, side, side, 0, 0, edge, edge);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("Encoding failed"))), "image/jpeg", 0.9),
  );
}

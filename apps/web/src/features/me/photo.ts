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

/** The centred square of a `width`×`height` picture, and the edge it is scaled to. */
export function centreSquare(width: number, height: number, maxEdge = PHOTO_EDGE) {
  const side = Math.min(width, height);
  return {
    sx: Math.floor((width - side) / 2),
    sy: Math.floor((height - side) / 2),
    side,
    edge: Math.max(1, Math.min(side, maxEdge)),
  };
}

/**
 * Crops a photo to its centred square, at most PHOTO_EDGE wide, as a JPEG: what is uploaded is
 * exactly what the preview shows, and a 12-megapixel photo becomes a few hundred kilobytes.
 * Rejects when the browser cannot decode the file (not an image, or a format it can't read).
 */
export async function cropToSquare(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    const { sx, sy, side, edge } = centreSquare(bitmap.width, bitmap.height);
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
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error("Encoding failed"))),
        "image/jpeg",
        0.9,
      ),
    );
  } finally {
    bitmap.close();
  }
}

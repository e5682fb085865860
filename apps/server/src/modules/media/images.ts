import sharp from "sharp";

const THUMB_EDGE = 360;

export interface ProcessedImage {
  bytes: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Re-encodes an image: turned upright by its EXIF orientation, then written without any
 * metadata (EXIF, GPS location, camera serials), plus a small WebP thumbnail.
 * Throws if the bytes do not decode as an image.
 */
export async function processImage(input: Buffer, mime: string): Promise<ProcessedImage> {
  const animated = mime === "image/gif" || mime === "image/webp";
  // limitInputPixels guards against decompression bombs (a tiny file that expands to gigabytes).
  const base = () => sharp(input, { animated, limitInputPixels: 100_000_000 }).rotate();
  let pipeline = base();
  if (mime === "image/png") pipeline = pipeline.png();
  else if (mime === "image/gif") pipeline = pipeline.gif();
  else if (mime === "image/webp") pipeline = pipeline.webp();
  else pipeline = pipeline.jpeg({ quality: 88, mozjpeg: true });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  const thumb = await sharp(input, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize(THUMB_EDGE, THUMB_EDGE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 72 })
    .toBuffer();
  const height = info.pageHeight ?? info.height;
  return { bytes: data, thumb, width: info.width, height };
}

/** The output type of `processImage` for an input type (HEIC and AVIF become JPEG). */
export function storedImageMime(mime: string): string {
  return ["image/png", "image/gif", "image/webp"].includes(mime) ? mime : "image/jpeg";
}

import type { Readable } from "node:stream";
import { MAX_FILE_BYTES, MAX_IMAGE_BYTES, type Media } from "@agora/protocol/media";
import { API_PREFIX } from "@agora/protocol/routes";
import type { Db } from "../../platform/db.ts";
import { AppError, BadRequest, NotFound } from "../../platform/errors.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { RateLimiter } from "../../platform/rate-limit.ts";
import { processImage, storedImageMime } from "./images.ts";
import type { MediaRow } from "./schema.ts";
import { sniff } from "./sniff.ts";
import type { MediaStorage } from "./storage.ts";

/** Another module's answer to "may this user see this media item because of something of mine?" */
export type MediaAccessRule = (viewerId: string, mediaId: string) => Promise<boolean>;

export const UPLOADS_PER_MINUTE = { max: 60, windowMs: 60_000 };

export class PayloadTooLarge extends AppError {
  constructor(message: string) {
    super(413, "payload_too_large", message);
  }
}

export function toMediaView(row: MediaRow): Media {
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    size: Number(row.size),
    url: `${API_PREFIX}/media/${row.id}`,
    thumbUrl: row.has_thumb ? `${API_PREFIX}/media/${row.id}/thumb` : null,
    width: row.width,
    height: row.height,
    name: row.name,
  };
}

function cleanName(name: string | undefined): string | null {
  if (!name) return null;
  // Path parts and control characters go: the name is shown and offered back on download.
  const base = [...(name.split(/[\\/]/).pop() ?? "")]
    .filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== "\u007f")
    .join("")
    .trim();
  return base.slice(0, 200) || null;
}

/**
 * Uploads and who may see them. The uploader always may; anyone else only if a module that
 * uses the item (a conversation, a moment, an avatar) says so through an access rule.
 */
export class MediaService {
  readonly #rules: MediaAccessRule[] = [];

  constructor(
    private readonly db: Db,
    private readonly storage: MediaStorage,
    private readonly limiter: RateLimiter,
  ) {}

  addAccessRule(rule: MediaAccessRule) {
    this.#rules.push(rule);
  }

  async upload(ownerId: string, bytes: Buffer, filename: string | undefined): Promise<Media> {
    this.limiter.hit(`upload:${ownerId}`, UPLOADS_PER_MINUTE);
    if (bytes.length === 0) throw new BadRequest("empty_file", "The file is empty.");
    if (bytes.length > MAX_FILE_BYTES) throw new PayloadTooLarge("Files can be at most 50 MB.");
    const sniffed = sniff(bytes.subarray(0, 64));
    const id = newId();
    let row: Omit<MediaRow, "created_at">;
    if (sniffed.kind === "image") {
      if (bytes.length > MAX_IMAGE_BYTES) throw new PayloadTooLarge("Images can be at most 20 MB.");
      const image = await processImage(bytes, sniffed.mime).catch(() => {
        throw new BadRequest("invalid_image", "This image could not be read.");
      });
      await this.storage.put(id, image.bytes);
      await this.storage.put(`${id}.thumb`, image.thumb);
      row = {
        id,
        owner_id: ownerId,
        kind: "image",
        mime: storedImageMime(sniffed.mime),
        size: image.bytes.length,
        width: image.width,
        height: image.height,
        name: null,
        has_thumb: true,
      };
    } else {
      await this.storage.put(id, bytes);
      row = {
        id,
        owner_id: ownerId,
        kind: sniffed.kind,
        mime: sniffed.mime,
        size: bytes.length,
        width: null,
        height: null,
        name: sniffed.kind === "file" ? cleanName(filename) : null,
        has_thumb: false,
      };
    }
    const inserted = await this.db.insertInto("media").values(row).returningAll().executeTakeFirstOrThrow();
    return toMediaView(inserted);
  }

  async canView(viewerId: string, row: MediaRow): Promise<boolean> {
    if (row.owner_id === viewerId) return true;
    for (const rule of this.#rules) if (await rule(viewerId, row.id)) return true;
    return false;
  }

  /** The bytes of an item the viewer may see; 404 for anything else. */
  async open(
    viewerId: string,
    mediaId: string,
    variant: "full" | "thumb",
  ): Promise<{ row: MediaRow; stream: Readable; size: number }> {
    const row = await this.#row(mediaId);
    if (!row || !(await this.canView(viewerId, row))) throw new NotFound("media", "media_not_found");
    if (variant === "thumb" && !row.has_thumb) throw new NotFound("media", "media_not_found");
    const key = variant === "thumb" ? `${row.id}.thumb` : row.id;
    const [stream, size] = await Promise.all([this.storage.get(key), this.storage.size(key)]);
    if (!stream || size === null) throw new NotFound("media", "media_not_found");
    return { row, stream, size };
  }

  /** A media item this user may attach to a message or use as an avatar, of the right kind. */
  async assertAttachable(userId: string, mediaId: string, kind: "image" | "voice" | "file"): Promise<Media> {
    const row = await this.#row(mediaId);
    if (!row || !(await this.canView(userId, row))) throw new NotFound("media", "media_not_found");
    if (kind !== "file" && row.kind !== kind) {
      throw new BadRequest("media_kind_mismatch", `This media is a ${row.kind}, not a ${kind}.`);
    }
    return toMediaView(row);
  }

  /** Which of `ids` are images uploaded by `ownerId`, with their size (one query for a list). */
  async ownImages(ownerId: string, ids: readonly string[]) {
    if (ids.length === 0 || !ids.every(isId)) return [];
    return this.db
      .selectFrom("media")
      .select(["id", "width", "height"])
      .where("id", "in", [...ids])
      .where("owner_id", "=", ownerId)
      .where("kind", "=", "image")
      .execute();
  }

  async #row(mediaId: string): Promise<MediaRow | undefined> {
    if (!isId(mediaId)) return undefined;
    return this.db.selectFrom("media").selectAll().where("id", "=", mediaId).executeTakeFirst();
  }
}

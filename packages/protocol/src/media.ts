import { z } from "zod";
import { Id } from "./common.ts";
import { defineRoute } from "./routes.ts";

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const Media = z.object({
  id: Id,
  kind: z.enum(["image", "voice", "file"]),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** The uploaded file's name, for files; null for images and voice. */
  name: z.string().nullable(),
});
export type Media = z.infer<typeof Media>;

export const mediaRoutes = {
  upload: defineRoute({
    method: "POST",
    path: "/media",
    summary:
      "Upload a file (multipart/form-data, field `file`). The type is sniffed from the bytes; images lose their metadata and get a thumbnail.",
    tags: ["media"],
    auth: true,
    response: { 201: Media },
  }),
} as const;

/** Where a media item is served: its `url`, and `thumbUrl` for images. */
export const MEDIA_PATH = "/media/:id";
export const MEDIA_THUMB_PATH = "/media/:id/thumb";

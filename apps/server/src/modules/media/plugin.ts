import { MAX_FILE_BYTES, mediaRoutes } from "@agora/protocol/media";
import { API_PREFIX } from "@agora/protocol/routes";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { BadRequest, Unauthorized } from "../../platform/errors.ts";
import { route } from "../../platform/http.ts";
import { type MediaService, PayloadTooLarge } from "./service.ts";

const Params = z.object({ id: z.string().max(64) });

function contentDisposition(kind: string, name: string | null) {
  if (kind !== "file") return "inline";
  const fallback = (name ?? "file").replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name ?? "file")}`;
}

export function mediaPlugin(media: MediaService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, parts: 5 } });

    route(app, mediaRoutes.upload, async ({ session, request }) => {
      if (!request.isMultipart())
        throw new BadRequest("multipart_required", "Send multipart/form-data with a `file` field.");
      const file = await request.file();
      if (file?.fieldname !== "file") throw new BadRequest("file_required", "The form needs a `file` field.");
      const bytes = await file.toBuffer().catch((err: { code?: string }) => {
        if (err.code === "FST_REQ_FILE_TOO_LARGE") throw new PayloadTooLarge("Files can be at most 50 MB.");
        throw err;
      });
      return media.upload(session.userId, bytes, file.filename);
    });

    const serve = (variant: "full" | "thumb") => async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await app.resolveSession(request);
      if (!session) throw new Unauthorized();
      const { id } = Params.parse(request.params);
      const { row, stream, size } = await media.open(session.userId, id, variant);
      return (
        reply
          .header("content-type", variant === "thumb" ? "image/webp" : row.mime)
          .header("content-length", size)
          .header("content-disposition", contentDisposition(row.kind, row.name))
          // An id's bytes never change; only the viewer's own cache may keep them.
          .header("cache-control", "private, max-age=31536000, immutable")
          .send(stream)
      );
    };
    const hidden = { schema: { hide: true } };
    app.get(`${API_PREFIX}/media/:id`, hidden, serve("full"));
    app.get(`${API_PREFIX}/media/:id/thumb`, hidden, serve("thumb"));
  };
}

import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves the built web app at `/`. Paths that are not files get index.html, so deep links
 * (`/chats/…`, `/q/<token>`) open the app; `/api/*` never falls back.
 */
export async function serveWebShell(app: FastifyInstance, distDir: string) {
  if (!existsSync(path.join(distDir, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      // Vite fingerprints assets: cache them for good; the shell and service worker revalidate.
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header("cache-control", "public, max-age=31536000, immutable");
      else res.header("cache-control", "no-cache");
    },
  });
  // Every file of the build has its own route (wildcard: false); anything else is the app.
  app.get("/*", async (request, reply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  return true;
}

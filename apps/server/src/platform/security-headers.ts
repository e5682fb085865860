import type { FastifyInstance } from "fastify";

const SHELL_CSP = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
].join("; ");

/** Swagger UI styles itself inline; the docs page gets that one allowance and nothing more. */
const DOCS_CSP = SHELL_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** API answers are data, never documents: nothing may run or frame them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function installSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  app.addHook("onSend", async (request, reply) => {
    const url = request.url;
    const csp = url.startsWith("/api/docs") ? DOCS_CSP : url.startsWith("/api/") ? API_CSP : SHELL_CSP;
    reply.header("content-security-policy", csp);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "strict-origin-when-cross-origin");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    reply.header("permissions-policy", "camera=(self), microphone=(self), geolocation=(self), payment=()");
    if (opts.https) reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (url.startsWith("/api/"))
      reply.header("cache-control", reply.getHeader("cache-control") ?? "no-store");
  });
}

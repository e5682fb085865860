import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { contactsPlugin } from "./modules/contacts/plugin.ts";
import { ContactsService } from "./modules/contacts/service.ts";
import { healthPlugin } from "./modules/health/plugin.ts";
import { identityPlugin, SESSION_COOKIE } from "./modules/identity/plugin.ts";
import { IdentityService } from "./modules/identity/service.ts";
import { SystemService } from "./modules/system/service.ts";
import type { Config } from "./platform/config.ts";
import { type DbHandle, openDatabase } from "./platform/db.ts";
import { Forbidden } from "./platform/errors.ts";
import type { Session } from "./platform/http.ts";
import { installErrorHandling } from "./platform/http-errors.ts";
import { migrateToLatest } from "./platform/migrations.ts";
import { RateLimiter } from "./platform/rate-limit.ts";
import { installSecurityHeaders } from "./platform/security-headers.ts";
import { serveWebShell } from "./platform/web-shell.ts";

export interface Services {
  system: SystemService;
  identity: IdentityService;
  contacts: ContactsService;
}

export interface App {
  app: FastifyInstance;
  services: Services;
  database: DbHandle;
  config: Config;
}

const MAX_JSON_BODY = 1024 * 1024;

/**
 * Builds a ready-to-listen server: database opened and migrated, modules wired. Tests call
 * `app.inject()` on it; `main.ts` calls `listen()`.
 */
export async function build(config: Config): Promise<App> {
  const database = await openDatabase(config);
  await migrateToLatest(database.db as never);

  const app = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : { level: config.logLevel, redact: ["req.headers.authorization", "req.headers.cookie"] },
    bodyLimit: MAX_JSON_BODY,
    trustProxy: process.env.TRUST_PROXY === "true",
    // One line per request only when debugging: the console stays readable for `npm start`.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace",
    }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installSecurityHeaders(app, { https: config.secureCookies });
  app.addHook("onClose", () => database.close());

  const limiter = new RateLimiter(config.rateLimit);
  const system = new SystemService(database.db);
  const identity = new IdentityService(database.db, config, limiter);
  const contacts = new ContactsService(database.db, identity);

  await app.register(cookie);
  app.decorateRequest("session", null);
  app.decorate("resolveSession", async (request: FastifyRequest): Promise<Session | null> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (bearer) return identity.resolveToken(bearer, "bearer");
    const cookieToken = request.cookies[SESSION_COOKIE];
    if (!cookieToken) return null;
    // A cookie rides along on cross-site requests; a state change must come from our own pages.
    if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request, config);
    return identity.resolveToken(cookieToken, "cookie");
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Agora API",
        version: "1.0.0",
        description: "The public API of Agora, an open super app.",
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: false });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthPlugin(database.db));
  await app.register(identityPlugin(identity, config));
  await app.register(contactsPlugin(contacts));

  if (config.webDist) await serveWebShell(app, config.webDist);

  await app.ready();
  return { app, services: { system, identity, contacts }, database, config };
}

function assertSameOrigin(request: FastifyRequest, config: Config) {
  const origin = request.headers.origin;
  if (!origin) return; // same-origin fetches without Origin, and non-browser clients
  const host = request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Forbidden("cross_site_request", "This request came from another site.");
  }
  if (originHost !== host && origin !== config.publicUrl) {
    throw new Forbidden("cross_site_request", "This request came from another site.");
  }
}

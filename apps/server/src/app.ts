import type { IncomingMessage } from "node:http";
import path from "node:path";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { contactsPlugin } from "./modules/contacts/plugin.ts";
import { ContactsService } from "./modules/contacts/service.ts";
import { EventsService } from "./modules/events/service.ts";
import { healthPlugin } from "./modules/health/plugin.ts";
import { identityPlugin, SESSION_COOKIE } from "./modules/identity/plugin.ts";
import { IdentityService } from "./modules/identity/service.ts";
import { mediaPlugin } from "./modules/media/plugin.ts";
import { MediaService } from "./modules/media/service.ts";
import { DiskStorage, type MediaStorage, MemoryStorage } from "./modules/media/storage.ts";
import { messagingPlugin } from "./modules/messaging/plugin.ts";
import { MessagingService, type PreparedSend } from "./modules/messaging/service.ts";
import { momentsPlugin } from "./modules/moments/plugin.ts";
import { MomentsService } from "./modules/moments/service.ts";
import { QrLoginSockets } from "./modules/qr/login-socket.ts";
import { qrPlugin } from "./modules/qr/plugin.ts";
import { QrService } from "./modules/qr/service.ts";
import { Gateway } from "./modules/realtime/gateway.ts";
import { SystemService } from "./modules/system/service.ts";
import { SandboxFundingProvider } from "./modules/wallet/funding.ts";
import { walletPlugin } from "./modules/wallet/plugin.ts";
import { redPacketsPlugin } from "./modules/wallet/red-packets-plugin.ts";
import { RedPacketsService } from "./modules/wallet/red-packets-service.ts";
import { WalletService } from "./modules/wallet/service.ts";
import { createBus } from "./platform/bus.ts";
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
  events: EventsService;
  identity: IdentityService;
  contacts: ContactsService;
  messaging: MessagingService;
  wallet: WalletService;
  redPackets: RedPacketsService;
  media: MediaService;
  qr: QrService;
  moments: MomentsService;
}

export interface App {
  app: FastifyInstance;
  gateway: Gateway<PreparedSend>;
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

  const limiter = new RateLimiter(config.rateLimit);
  const bus = await createBus(config.redisUrl);
  const system = new SystemService(database.db);
  const events = new EventsService(database.db, bus);
  const media = new MediaService(database.db, mediaStorage(config), limiter);
  const identity = new IdentityService(database.db, config, limiter, media);
  const contacts = new ContactsService(database.db, identity, events);
  const messaging = new MessagingService(database.db, events, identity, contacts, media);
  media.addAccessRule((viewerId, mediaId) => messaging.canViewMedia(viewerId, mediaId));
  media.addAccessRule((_viewerId, mediaId) => identity.isAvatar(mediaId));
  const wallet = new WalletService(
    database.db,
    events,
    identity,
    contacts,
    messaging,
    limiter,
    config,
    new SandboxFundingProvider(),
  );
  await wallet.start();
  const redPackets = new RedPacketsService(database.db, wallet, { identity, contacts, messaging });
  const qr = new QrService(database.db, config, limiter, bus, { identity, contacts, messaging });
  const moments = new MomentsService(database.db, events, identity, contacts, media);
  media.addAccessRule((viewerId, mediaId) => moments.canViewMedia(viewerId, mediaId));

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
  await app.register(
    identityPlugin(identity, config, (sessionId) => events.control({ kind: "revoke-session", sessionId })),
  );
  await app.register(contactsPlugin(contacts));
  await app.register(messagingPlugin(messaging));
  await app.register(walletPlugin(wallet));
  await app.register(redPacketsPlugin(redPackets));
  await app.register(mediaPlugin(media));
  await app.register(qrPlugin(qr, config));
  await app.register(momentsPlugin(moments));

  bus.subscribe((m) => {
    if (m.kind === "revoke-session") identity.forgetSession(m.sessionId);
  });
  const gateway = new Gateway(events, bus, {
    authenticate: (req, token) =>
      authenticateUpgrade(
        req,
        token,
        app.parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE],
        identity,
        config,
      ),
    typingAudience: (userId, conversationId) => messaging.typingAudience(userId, conversationId),
    prepareSend: (userId, conversationId, input) => messaging.prepareSend(userId, conversationId, input),
    commitSend: (prepared) => messaging.commitSend(prepared),
    onError: (err) => app.log.error({ err }, "socket frame failed"),
  });
  gateway.attach(app);
  const qrSockets = new QrLoginSockets(qr, bus, (err) => app.log.error({ err }, "QR login socket failed"));
  gateway.addEndpoint(qrSockets.claim);
  // Unclaimed red packets go back to their senders after 24 h (safe with several nodes).
  const stopRefunds = redPackets.startSweeper(undefined, (err) =>
    app.log.error({ err }, "red packet refunds failed"),
  );
  // Sockets first, then the bus, then the database: nothing is left writing to what closed.
  app.addHook("onClose", async () => {
    await stopRefunds();
    await qrSockets.close();
    await gateway.close();
    await wallet.provider.close();
    await bus.close();
    await database.close();
  });

  if (config.webDist) await serveWebShell(app, config.webDist);

  await app.ready();
  return {
    app,
    gateway,
    services: { system, events, identity, contacts, messaging, wallet, redPackets, media, qr, moments },
    database,
    config,
  };
}

/** A socket opens with `?token=`, or with the cookie when the page is one of ours. */
async function authenticateUpgrade(
  req: IncomingMessage,
  token: string | null,
  cookieToken: string | undefined,
  identity: IdentityService,
  config: Config,
): Promise<Session | null> {
  if (token) return identity.resolveToken(token, "bearer");
  if (!cookieToken) return null;
  // Cross-site WebSocket hijacking: browsers send cookies on any site's upgrade request.
  if (!isSameOrigin(req.headers.origin, req.headers.host, config)) return null;
  return identity.resolveToken(cookieToken, "cookie");
}

function isSameOrigin(origin: string | undefined, host: string | undefined, config: Config): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host || origin === config.publicUrl;
  } catch {
    return false;
  }
}

function assertSameOrigin(request: FastifyRequest, config: Config) {
  if (!isSameOrigin(request.headers.origin, request.headers.host, config)) {
    throw new Forbidden("cross_site_request", "This request came from another site.");
  }
}

/** Media bytes beside the embedded database, or in memory for an in-memory test database. */
function mediaStorage(config: Config): MediaStorage {
  return config.databaseUrl === "memory" || !config.dataDir
    ? new MemoryStorage()
    : new DiskStorage(path.join(config.dataDir, "media"));
}

import { identityRoutes } from "@agora/protocol/identity";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../platform/config.ts";
import { route } from "../../platform/http.ts";
import type { ClientMeta, IdentityService } from "./service.ts";

export const SESSION_COOKIE = "agora_session";
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

export function clientMeta(request: FastifyRequest): ClientMeta {
  return { ip: request.ip, userAgent: request.headers["user-agent"] };
}

/** The web app's HttpOnly session cookie, as every sign-in sets it. */
export function setSessionCookie(reply: FastifyReply, token: string, config: Config) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    maxAge: COOKIE_MAX_AGE_S,
  });
}

/** `onLogout` closes the session's open sockets, on every node. */
export function identityPlugin(
  identity: IdentityService,
  config: Config,
  onLogout: (sessionId: string) => Promise<void>,
) {
  return async (app: FastifyInstance) => {
    route(app, identityRoutes.register, async ({ body, request, reply }) => {
      const result = await identity.register(body, clientMeta(request));
      setSessionCookie(reply, result.token, config);
      return result;
    });

    route(app, identityRoutes.login, async ({ body, request, reply }) => {
      const result = await identity.login(body, clientMeta(request));
      setSessionCookie(reply, result.token, config);
      return result;
    });

    route(app, identityRoutes.logout, async ({ session, reply }) => {
      await identity.logout(session);
      await onLogout(session.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return null;
    });

    route(app, identityRoutes.me, async ({ session }) => identity.getUser(session.userId));

    route(app, identityRoutes.updateMe, async ({ session, body }) =>
      identity.updateProfile(session.userId, body),
    );
  };
}

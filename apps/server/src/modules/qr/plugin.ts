import { qrRoutes } from "@agora/protocol/qr";
import type { FastifyInstance } from "fastify";
import type { Config } from "../../platform/config.ts";
import { route } from "../../platform/http.ts";
import { clientMeta, setSessionCookie } from "../identity/plugin.ts";
import type { QrService } from "./service.ts";

export function qrPlugin(qr: QrService, config: Config) {
  return async (app: FastifyInstance) => {
    route(app, qrRoutes.myCode, async ({ session }) => qr.myCode(session.userId));

    route(app, qrRoutes.receiveCode, async ({ session, query }) =>
      qr.receiveCode(session.userId, query.amount ?? null),
    );

    route(app, qrRoutes.rotate, async ({ session }) => {
      await qr.rotate(session.userId);
      return null;
    });

    route(app, qrRoutes.resolve, async ({ session, body }) => qr.resolve(session.userId, body.url));

    route(app, qrRoutes.createInvite, async ({ session, params }) => qr.invite(session.userId, params.id));

    route(app, qrRoutes.join, async ({ session, body, reply }) => {
      const { conversation, joined } = await qr.join(session.userId, body.url);
      if (!joined) reply.code(200);
      return conversation;
    });

    route(app, qrRoutes.startLogin, async ({ request }) => qr.startLogin(clientMeta(request)));

    route(app, qrRoutes.loginStatus, async ({ params, request, reply }) => {
      const state = await qr.loginState(params.id, clientMeta(request));
      if (state.token) setSessionCookie(reply, state.token, config);
      return state;
    });

    route(app, qrRoutes.approveLogin, async ({ session, params }) => {
      await qr.approveLogin(session.userId, params.code);
      return null;
    });

    route(app, qrRoutes.cancelLogin, async ({ session, params }) => {
      await qr.cancelLogin(session.userId, params.code);
      return null;
    });
  };
}

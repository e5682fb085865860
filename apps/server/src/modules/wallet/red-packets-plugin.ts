import { redPacketRoutes } from "@agora/protocol/red-packets";
import type { FastifyInstance } from "fastify";
import { route } from "../../platform/http.ts";
import { idempotencyKeyOf } from "./plugin.ts";
import type { RedPacketsService } from "./red-packets-service.ts";

export function redPacketsPlugin(redPackets: RedPacketsService) {
  return async (app: FastifyInstance) => {
    route(app, redPacketRoutes.send, async ({ session, body, request }) =>
      redPackets.send(session.userId, body, idempotencyKeyOf(request)),
    );

    route(app, redPacketRoutes.claim, async ({ session, params, request }) =>
      redPackets.claim(session.userId, params.id, idempotencyKeyOf(request)),
    );

    route(app, redPacketRoutes.get, async ({ session, params }) =>
      redPackets.view(session.userId, params.id),
    );
  };
}

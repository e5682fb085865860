import { messagingRoutes } from "@agora/protocol/messaging";
import type { FastifyInstance } from "fastify";
import { route } from "../../platform/http.ts";
import type { MessagingService } from "./service.ts";

export function messagingPlugin(messaging: MessagingService) {
  return async (app: FastifyInstance) => {
    route(app, messagingRoutes.createConversation, async ({ session, body, reply }) => {
      if (body.type === "direct") {
        const { conversation, created } = await messaging.openDirect(session.userId, body.userId);
        if (!created) reply.code(200);
        return conversation;
      }
      return messaging.createGroup(session.userId, body.title, body.memberIds);
    });

    route(app, messagingRoutes.listConversations, async ({ session, query }) =>
      messaging.list(session.userId, query.cursor, query.limit),
    );

    route(app, messagingRoutes.getConversation, async ({ session, params }) =>
      messaging.view(session.userId, params.id),
    );

    route(app, messagingRoutes.updateConversation, async ({ session, params, body }) =>
      messaging.rename(session.userId, params.id, body.title),
    );

    route(app, messagingRoutes.addMembers, async ({ session, params, body }) =>
      messaging.addMembers(session.userId, params.id, body.userIds),
    );

    route(app, messagingRoutes.removeMember, async ({ session, params }) => {
      await messaging.removeMember(session.userId, params.id, params.userId);
      return null;
    });

    route(app, messagingRoutes.sendMessage, async ({ session, params, body, reply }) => {
      const { message, created } = await messaging.send(session.userId, params.id, body);
      if (!created) reply.code(200);
      return message;
    });

    route(app, messagingRoutes.listMessages, async ({ session, params, query }) => ({
      items: await messaging.messages(session.userId, params.id, query, query.limit),
      nextCursor: null,
    }));

    route(app, messagingRoutes.recallMessage, async ({ session, params }) =>
      messaging.recall(session.userId, params.id),
    );

    route(app, messagingRoutes.markRead, async ({ session, params, body }) => {
      await messaging.markRead(session.userId, params.id, body.seq);
      return null;
    });

    route(app, messagingRoutes.messageReads, async ({ session, params }) =>
      messaging.reads(session.userId, params.id, params.messageId),
    );
  };
}

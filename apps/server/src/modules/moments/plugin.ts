import { momentsRoutes } from "@agora/protocol/moments";
import type { FastifyInstance } from "fastify";
import { route } from "../../platform/http.ts";
import type { MomentsService } from "./service.ts";

export function momentsPlugin(moments: MomentsService) {
  return async (app: FastifyInstance) => {
    route(app, momentsRoutes.create, async ({ session, body }) => moments.create(session.userId, body));

    route(app, momentsRoutes.feed, async ({ session, query }) =>
      moments.feed(session.userId, query.cursor, query.limit),
    );

    route(app, momentsRoutes.userMoments, async ({ session, params, query }) =>
      moments.userMoments(session.userId, params.id, query.cursor, query.limit),
    );

    route(app, momentsRoutes.get, async ({ session, params }) => moments.get(session.userId, params.id));

    route(app, momentsRoutes.remove, async ({ session, params }) => {
      await moments.remove(session.userId, params.id);
      return null;
    });

    route(app, momentsRoutes.like, async ({ session, params }) => {
      await moments.like(session.userId, params.id);
      return null;
    });

    route(app, momentsRoutes.unlike, async ({ session, params }) => {
      await moments.unlike(session.userId, params.id);
      return null;
    });

    route(app, momentsRoutes.comment, async ({ session, params, body }) =>
      moments.comment(session.userId, params.id, body.text, body.replyToUserId),
    );

    route(app, momentsRoutes.deleteComment, async ({ session, params }) => {
      await moments.deleteComment(session.userId, params.id, params.commentId);
      return null;
    });

    route(app, momentsRoutes.notifications, async ({ session, query }) =>
      moments.notifications(session.userId, query.cursor, query.limit),
    );

    route(app, momentsRoutes.readNotifications, async ({ session, body }) => {
      await moments.readNotifications(session.userId, body?.upToId);
      return null;
    });

    route(app, momentsRoutes.getSettings, async ({ session }) => moments.settings(session.userId));

    route(app, momentsRoutes.putSettings, async ({ session, body }) =>
      moments.setSettings(session.userId, body.visibleRange),
    );

    route(app, momentsRoutes.getPermissions, async ({ session, params }) =>
      moments.permissions(session.userId, params.id),
    );

    route(app, momentsRoutes.putPermissions, async ({ session, params, body }) =>
      moments.setPermissions(session.userId, params.id, body),
    );
  };
}

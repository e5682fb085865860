import { contactsRoutes } from "@agora/protocol/contacts";
import { identityRoutes } from "@agora/protocol/identity";
import type { FastifyInstance } from "fastify";
import { route } from "../../platform/http.ts";
import type { ContactsService } from "./service.ts";

export function contactsPlugin(contacts: ContactsService) {
  return async (app: FastifyInstance) => {
    // Finding people is answered here because who may see whom is a matter of blocks.
    route(app, identityRoutes.searchUsers, async ({ session, query }) => ({
      items: await contacts.searchPeople(session.userId, query.q, query.limit),
      nextCursor: null,
    }));

    route(app, identityRoutes.getUser, async ({ session, params }) =>
      contacts.person(session.userId, params.id),
    );

    route(app, contactsRoutes.sendRequest, async ({ session, body, reply }) => {
      const { request, created } = await contacts.sendRequest(session.userId, body.userId, body.message);
      if (!created) reply.code(200);
      return request;
    });

    route(app, contactsRoutes.listRequests, async ({ session }) => ({
      items: await contacts.pendingRequests(session.userId),
      nextCursor: null,
    }));

    route(app, contactsRoutes.acceptRequest, async ({ session, params }) =>
      contacts.accept(session.userId, params.id),
    );

    route(app, contactsRoutes.declineRequest, async ({ session, params }) =>
      contacts.decline(session.userId, params.id),
    );

    route(app, contactsRoutes.listContacts, async ({ session, query }) =>
      contacts.contacts(session.userId, query.cursor, query.limit),
    );

    route(app, contactsRoutes.removeContact, async ({ session, params }) => {
      await contacts.remove(session.userId, params.userId);
      return null;
    });

    route(app, contactsRoutes.block, async ({ session, body }) => {
      await contacts.block(session.userId, body.userId);
      return null;
    });

    route(app, contactsRoutes.listBlocks, async ({ session }) => ({
      items: await contacts.blocked(session.userId),
      nextCursor: null,
    }));

    route(app, contactsRoutes.unblock, async ({ session, params }) => {
      await contacts.unblock(session.userId, params.userId);
      return null;
    });
  };
}

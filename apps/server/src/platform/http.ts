import {
  API_PREFIX,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ResultOf,
  type RouteDef,
  successStatus,
} from "@agora/protocol/routes";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Unauthorized } from "./errors.ts";

/** Who is calling, once a session token or cookie was checked. */
export interface Session {
  userId: string;
  sessionId: string;
  /** How the caller proved it: a cookie is subject to cross-site checks, a bearer token is not. */
  via: "bearer" | "cookie";
}

export type SessionResolver = (request: FastifyRequest) => Promise<Session | null>;

declare module "fastify" {
  interface FastifyInstance {
    resolveSession: SessionResolver;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export interface HandlerContext<D extends RouteDef> {
  body: BodyOf<D>;
  query: QueryOf<D>;
  params: ParamsOf<D>;
  session: D["auth"] extends true ? Session : Session | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Registers a route from its protocol declaration: path, validation, response schema and
 * OpenAPI all come from `def`, and a route marked `auth` never runs its handler without a session.
 */
export function route<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: (ctx: HandlerContext<D>) => Promise<ResultOf<D>>,
) {
  const status = successStatus(def);
  app.route({
    method: def.method,
    url: API_PREFIX + def.path,
    schema: {
      summary: def.summary,
      tags: [...def.tags],
      ...(def.params ? { params: def.params } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.auth ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
      response: def.response,
    },
    preHandler: async (request) => {
      request.session = await app.resolveSession(request);
      if (def.auth && !request.session) throw new Unauthorized();
    },
    handler: async (request, reply) => {
      reply.code(status);
      const result = await handler({
        body: request.body as BodyOf<D>,
        query: request.query as QueryOf<D>,
        params: request.params as ParamsOf<D>,
        session: request.session as HandlerContext<D>["session"],
        request,
        reply,
      });
      if (reply.statusCode === 204) return reply.send();
      return result;
    },
  });
}

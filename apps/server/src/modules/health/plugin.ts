import { healthRoutes } from "@agora/protocol/health";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { route } from "../../platform/http.ts";

export function healthPlugin(db: Db) {
  return async (app: FastifyInstance) => {
    route(app, healthRoutes.health, async () => {
      try {
        await sql`select 1`.execute(db);
      } catch {
        throw new AppError(503, "database_unavailable", "The database does not answer.");
      }
      return { status: "ok" as const };
    });
  };
}

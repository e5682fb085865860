import { z } from "zod";
import { defineRoute } from "./routes.ts";

export const Health = z.object({ status: z.literal("ok") });

export const healthRoutes = {
  health: defineRoute({
    method: "GET",
    path: "/health",
    summary: "Liveness and readiness: 200 once the database answers.",
    tags: ["health"],
    auth: false,
    response: { 200: Health },
  }),
} as const;

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "./app.ts";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "./demo/seed.ts";
import { ConfigError, loadConfig } from "./platform/config.ts";

// WEB_DIST lets parallel browser-test runs each serve their own build of the web app.
const WEB_DIST = path.resolve(
  process.env.WEB_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist"),
);

async function main() {
  const config = loadConfig();
  if (existsSync(WEB_DIST)) config.webDist = WEB_DIST;
  const { app, services } = await build(config);

  const seeded = config.demoData && (await seedDemoData(services));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? "PostgreSQL" : `PGlite in ${path.join(config.dataDir, "pg")}`;
  const lines = [
    "",
    `  Agora is running on ${config.publicUrl}`,
    `  API reference:      ${config.publicUrl}/api/docs`,
    `  Data:               ${where}`,
    config.webDist
      ? ""
      : "  (the web app is not built: run `npm run build`, or `npm run dev` for development)",
  ];
  if (config.demoData) {
    lines.push(
      `  Demo accounts${seeded ? " (just created)" : ""}: ${DEMO_USERS.map((u) => u.handle).join(", ")}, password "${DEMO_PASSWORD}"`,
      "  alice and bob are contacts; carol has asked alice to be hers.",
    );
  }
  console.log(lines.filter((l) => l !== "").join("\n"), "\n");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});

// `npm run bench`: every benchmark in bench/, each starting its own server; figures on stdout.
// Runs on PGlite, and again on PostgreSQL when DATABASE_URL is set. Extra arguments pass through
// (e.g. `npm run bench -- --quick`).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benches = readdirSync(path.join(root, "bench")).filter((f) => f.endsWith(".ts") && f !== "support.ts");
const backends = process.env.DATABASE_URL
  ? [{ DATABASE_URL: "" }, { DATABASE_URL: process.env.DATABASE_URL }]
  : [{}];
let failed = false;
for (const bench of benches) {
  for (const env of backends) {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join("bench", bench), ...process.argv.slice(2)],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, ...env },
      },
    );
    if (r.status !== 0) failed = true;
  }
}
process.exit(failed ? 1 : 0);

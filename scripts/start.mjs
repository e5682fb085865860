// `npm start`: builds the web app when its build is missing or older than its sources, then
// runs the server in this same process (so signals reach it directly).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry === "dist") continue;
    max = Math.max(max, newest(path.join(p, entry)));
  }
  return max;
}

const builtAt = newest(path.join(root, "apps/web/dist/index.html"));
const sources = [
  "apps/web/src",
  "apps/web/public",
  "apps/web/index.html",
  "apps/web/vite.config.ts",
  "packages/protocol/src",
];
const sourcesAt = Math.max(...sources.map((s) => newest(path.join(root, s))));
if (builtAt < sourcesAt) {
  console.log(builtAt ? "Rebuilding the web app…" : "Building the web app (first start)…");
  const r = spawnSync("npm", ["run", "build", "-w", "@agora/web", "--silent"], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) {
    console.error("The web app did not build; the API starts anyway.");
  }
}

register();
await import(path.join(root, "apps/server/src/main.ts"));

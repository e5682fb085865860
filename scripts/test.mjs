// `npm test`: every check and every test tier, ending with one line `N passed, M failed`.
//   --only=integration,api   just those vitest projects (CI's PostgreSQL pass uses this)
// Static checks (types, lint, OpenAPI freshness) count as one test each.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = path.join(root, ".tmp");
mkdirSync(tmp, { recursive: true });
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");

let passed = 0;
let failed = 0;
const failures = [];

function run(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(title, cmd, args) {
  if (run(title, cmd, args)) passed++;
  else {
    failed++;
    failures.push(title);
  }
}

function countVitest(file, title) {
  if (!existsSync(file)) {
    failed++;
    failures.push(`${title} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0) failures.push(`${title}: ${report.numFailedTests} failed`);
  // A file that fails to load has no failed test but is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  for (const f of brokenFiles) failures.push(`${path.relative(root, f.name)}: ${f.message}`);
}

function countPlaywright(file) {
  if (!existsSync(file)) {
    failed++;
    failures.push("browser tests (no report)");
    return;
  }
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (stats.unexpected > 0) failures.push(`browser tests: ${stats.unexpected} failed`);
}

const vitestProjects = only ?? ["unit", "integration", "api"];
if (!only) {
  for (const p of ["packages/protocol", "apps/server", "apps/web", "e2e"]) {
    check(`types: ${p}`, "npx", ["tsc", "-p", p, "--noEmit"]);
  }
  check("lint and format (biome)", "npx", ["biome", "check", "."]);
  check("OpenAPI document is current", process.execPath, [
    "--import",
    "tsx",
    "apps/server/src/openapi.ts",
    "--check",
  ]);
}
if (vitestProjects.includes("api") || !only) {
  if (!run("build the web app", "npm", ["run", "build", "-w", "@agora/web", "--silent"])) {
    failed++;
    failures.push("web build");
  }
}

const vitestReport = path.join(tmp, "vitest.json");
rmSync(vitestReport, { force: true });
run(`tests: ${vitestProjects.join(", ")}${process.env.DATABASE_URL ? " (PostgreSQL)" : ""}`, "npx", [
  "vitest",
  "run",
  ...vitestProjects.flatMap((p) => ["--project", p]),
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
countVitest(vitestReport, "vitest");

if (!only) {
  const pwReport = path.join(tmp, "playwright.json");
  rmSync(pwReport, { force: true });
  run(
    "browser tests (Playwright, Chromium)",
    "npx",
    ["playwright", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
    },
  );
  countPlaywright(pwReport);
}

console.log("");
if (failures.length) console.log(`Failed:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

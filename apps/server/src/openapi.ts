import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "./app.ts";
import { testConfig } from "./platform/config.ts";

/**
 * Writes the OpenAPI document to docs/openapi.json (committed, so reviewers see contract
 * changes); with `--check`, fails when the committed file is stale instead.
 */
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/openapi.json");
const { app } = await build(testConfig());
const spec = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();

if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== spec) {
    console.error("docs/openapi.json is stale: run `npm run openapi` and commit it.");
    process.exit(1);
  }
  console.log("docs/openapi.json is current.");
} else {
  await writeFile(target, spec);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

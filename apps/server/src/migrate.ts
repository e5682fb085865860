import { loadConfig } from "./platform/config.ts";
import { openDatabase } from "./platform/db.ts";
import { migrateToLatest } from "./platform/migrations.ts";

const config = loadConfig();
const database = await openDatabase(config);
try {
  const applied = await migrateToLatest(database.db as never);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date.");
} finally {
  await database.close();
}

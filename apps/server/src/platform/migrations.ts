import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

const MODULES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "modules");

/**
 * Each module keeps its migrations in `modules/<name>/migrations/<timestamp>-<what>.ts`; they run
 * in timestamp order across modules, so a module can depend on an earlier one's tables.
 */
class ModuleMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const found: Record<string, Migration> = {};
    for (const mod of await readdir(MODULES_DIR)) {
      const dir = path.join(MODULES_DIR, mod, "migrations");
      const files = await readdir(dir).catch(() => [] as string[]);
      for (const file of files) {
        if (!/^\d{14}-.+\.ts$/.test(file) || file.endsWith(".test.ts")) continue;
        const migration = (await import(pathToFileURL(path.join(dir, file)).href)) as Migration;
        found[file.replace(/\.ts$/, "")] = migration;
      }
    }
    return found;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ModuleMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { ContactsTables } from "../modules/contacts/schema.ts";
import type { EventsTables } from "../modules/events/schema.ts";
import type { IdentityTables } from "../modules/identity/schema.ts";
import type { MediaTables } from "../modules/media/schema.ts";
import type { MessagingTables } from "../modules/messaging/schema.ts";
import type { QrTables } from "../modules/qr/schema.ts";
import type { SystemTables } from "../modules/system/schema.ts";
import type { RedPacketTables } from "../modules/wallet/red-packets-schema.ts";
import type { WalletTables } from "../modules/wallet/schema.ts";
import type { Config } from "./config.ts";
import { pgliteDialect } from "./pglite-dialect.ts";
import { PGliteWorker } from "./pglite-worker.ts";
import { PreparingPool } from "./prepared-pool.ts";

/** Every table, as each module declares its own. */
export interface Database
  extends SystemTables,
    IdentityTables,
    ContactsTables,
    EventsTables,
    MessagingTables,
    MediaTables,
    QrTables,
    WalletTables,
    RedPacketTables {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A query runner: the database or an open transaction. */
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

// int8 as a JS number, as PGlite does: our counters and minor-unit sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(config: Config): Promise<DbHandle> {
  if (config.databaseUrl && config.databaseUrl !== "memory") {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 20 });
    // An idle connection the server drops (restart, failover) must not crash the process: the
    // pool replaces it on the next checkout.
    pool.on("error", (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  let dir: string | undefined;
  if (config.databaseUrl !== "memory") {
    dir = path.join(config.dataDir, "pg");
    mkdirSync(dir, { recursive: true });
  }
  // In its own thread: the database works on the second core while this one serves sockets.
  const client = new PGliteWorker(dir);
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: pgliteDialect(client) });
  return { db, kind: "pglite", close: () => db.destroy() };
}

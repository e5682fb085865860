import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/fresh-database.ts";
import { PREPARED, PreparingPool } from "./prepared-pool.ts";

// Skipped without DATABASE_URL: named prepared statements are PostgreSQL's (PGlite sees the
// marker as a comment and has no pg_prepared_statements to look at). CI's second pass sets
// DATABASE_URL and runs it.
describe.runIf(Boolean(process.env.DATABASE_URL))("PreparingPool", () => {
  let drop: () => Promise<void>;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    // One connection, so every query below sees the same session's prepared statements.
    const pool = new pg.Pool({ connectionString: fresh.url, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  const prepared = () =>
    sql<{ statement: string }>`select statement from pg_prepared_statements order by name`
      .execute(db)
      .then((r) => r.rows.map((row) => row.statement));

  it("prepares a marked statement once per connection and runs it by name after that", async () => {
    const add = (a: number, b: number) =>
      sql<{ sum: number }>`${sql.raw(PREPARED)} select ${a}::int + ${b}::int as sum`.execute(db);
    expect((await add(1, 2)).rows).toEqual([{ sum: 3 }]);
    expect((await add(40, 2)).rows).toEqual([{ sum: 42 }]);
    expect(await prepared()).toEqual([`${PREPARED} select $1::int + $2::int as sum`]);
  });

  it("leaves every other statement unnamed, and errors of a prepared one reach the caller", async () => {
    await sql`select 1`.execute(db);
    await expect(sql`${sql.raw(PREPARED)} select 1 / ${0}::int`.execute(db)).rejects.toMatchObject({
      code: "22012",
    });
    expect(await prepared()).toHaveLength(2);
  });
});

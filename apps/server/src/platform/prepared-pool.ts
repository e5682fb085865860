import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import type pg from "pg";

/**
 * A query whose text starts with this comment is sent to PostgreSQL as a named prepared
 * statement: each connection parses and plans it once, and later runs only bind and execute.
 * For the few statements on a hot path whose text never changes (a message send runs one per
 * batch); elsewhere the parse is cheaper than keeping one more statement per connection.
 * PGlite sees an ordinary comment.
 */
export const PREPARED = "/* prepared */";

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `agora_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** Kysely's view of a pg pool, with PREPARED statements sent by name. */
export class PreparingPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    return new PreparingClient(await this.pool.connect());
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

class PreparingClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query(sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>): unknown {
    // Cursors (kysely's streaming) pass through untouched.
    if (typeof sqlOrCursor !== "string") return this.client.query(sqlOrCursor as never);
    const values = [...(parameters ?? [])];
    if (!sqlOrCursor.startsWith(PREPARED)) return this.client.query(sqlOrCursor, values);
    return this.client.query({ name: nameOf(sqlOrCursor), text: sqlOrCursor, values });
  }

  release(destroy?: boolean) {
    this.client.release(destroy);
  }
}

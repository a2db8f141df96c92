import pg from 'pg';
import { POSTGRES_SESSION_OPTIONS } from './pg-types';
import type { SqlExecutor, SqlParams } from './sql-executor';


/**
 * Rewrites SQLite-style placeholders (`?` in order, or `?N` numbered) into PostgreSQL's `$N`, leaving string literals,
 * quoted identifiers and comments untouched, so that query functions keep one text for both engines.
 */
export function toPostgresPlaceholders(sql: string): string {
  let out = '';
  let next = 1;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i, char);
      out += sql.slice(i, end);
      i = end;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '?') {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0] ?? '';
      out += `$${digits === '' ? next++ : digits}`;
      i += 1 + digits.length;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** Values as node-postgres binds them: `undefined` (absent optional fields) is SQL NULL, as node-sqlite3 binds it. */
function bindable(params: SqlParams): unknown[] {
  return params.map((value) => (value === undefined ? null : value));
}

/**
 * `SqlExecutor` over one PostgreSQL connection (a worker's own client, or one borrowed from the main thread's knex
 * pool). Statements keep the SQLite placeholder style.
 */
export class PgExecutor implements SqlExecutor {
  readonly engine = 'postgres' as const;

  constructor(readonly client: pg.ClientBase) {}

  async all<T>(sql: string, params: SqlParams = [], started?: () => void): Promise<T[]> {
    const result = this.client.query(toPostgresPlaceholders(sql), bindable(params));
    // The query is on its way: the server computes it while the caller works.
    if (started) setImmediate(started);
    return (await result).rows as T[];
  }

  async run(sql: string, params: SqlParams = []): Promise<number> {
    const result = await this.client.query(toPostgresPlaceholders(sql), bindable(params));
    return result.rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const result = await work(this);
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
  }
}

/** A worker's own PostgreSQL connection (one client, not a pool), closed by `close()`. */
export class PgConnection extends PgExecutor {
  /** Connects to `address` (`postgres://…`). */
  static async open(address: string): Promise<PgConnection> {
    const client = new pg.Client({ connectionString: address, application_name: 'atelier-covoiturage (traitement)', options: POSTGRES_SESSION_OPTIONS });
    await client.connect();
    return new PgConnection(client);
  }

  async close(): Promise<void> {
    await (this.client as pg.Client).end();
  }
}

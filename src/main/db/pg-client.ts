import { createRequire } from 'node:module';
import type { Knex } from 'knex';

/** knex's column compiler for PostgreSQL, whose prototype holds the SQL type of each knex column type. */
type ColumnCompilerClass = new (...args: unknown[]) => { bigincrements(options?: unknown): string };

/** knex's PostgreSQL client class, as far as this module uses it. */
type PgClientClass = new (config: Knex.Config) => { columnCompiler(...args: unknown[]): object };

const load = createRequire(__filename);
const KnexPg = load('knex/lib/dialects/postgres') as PgClientClass;
const PgColumnCompiler = load('knex/lib/dialects/postgres/schema/pg-columncompiler') as ColumnCompilerClass;

/**
 * Text compared byte by byte, as SQLite's BINARY collation does, whatever locale the database was created with:
 * orders of names and codes, and the range tests on check ids (`check_id >= 'T11@' AND check_id < 'T11A'`), give
 * the same rows on both engines.
 */
export const TEXT_TYPE = 'text COLLATE "C"';

/**
 * Column types as SQLite stores them: SQLite's integers, ids and reals are 64-bit whatever the migration says, and the
 * store relies on it (sums of metres and cents over a national month pass 2^31; coordinates need a double's digits
 * to give the same medians and distances). knex's PostgreSQL defaults (`integer` 32-bit, `float` → `real`, 32-bit)
 * would change figures; these map them to `bigint` and `double precision`, read back as numbers (`pg-types.ts`).
 */
class StoreColumnCompiler extends PgColumnCompiler {
  /** Ids are 64-bit too (`bigserial`), as SQLite's rowids. */
  increments(options?: unknown): string {
    return this.bigincrements(options);
  }
}
Object.assign(StoreColumnCompiler.prototype, { integer: 'bigint', floating: 'double precision', text: TEXT_TYPE });

/** knex's PostgreSQL client with the store's column types (`StoreColumnCompiler`). */
export class StorePostgresClient extends KnexPg {
  override columnCompiler(...args: unknown[]): object {
    return new StoreColumnCompiler(this, ...args);
  }
}

import pg from 'pg';

/*
 * What every PostgreSQL connection of the store shares: how values are read back, and the session's settings.
 */

/** PostgreSQL type ids whose text form the store reads as JavaScript numbers. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Counts and sums come back from PostgreSQL as `bigint` or `numeric`, which node-postgres hands over as strings to
 * keep every digit. The store's figures (cents, metres, counts) stay far below 2^53, and SQLite answers them as
 * numbers: reading them as numbers keeps every query's result identical on both engines.
 */
pg.types.setTypeParser(INT8_OID, (text) => Number(text));
pg.types.setTypeParser(NUMERIC_OID, (text) => Number(text));

/**
 * Settings of every PostgreSQL session of the store: no JIT compilation. The store's queries are short or read their
 * rows by index; the JIT spent ~270 ms compiling each queue query with correlated subqueries (764 ms instead of 42).
 */
export const POSTGRES_SESSION_OPTIONS = '-c jit=off';

import type { Knex } from 'knex';
import { TEXT_TYPE } from '../pg-client';
import type { SqlEngine } from '../store-address';

/**
 * What the migrations write differently on PostgreSQL. Tables, columns and plain indexes go through knex's schema
 * builder and need nothing (the store's PostgreSQL client maps them: `pg-client.ts`); the SQLite texts of triggers,
 * clustered tables and SQLite functions stay as they were written, so that a store created today has the same schema
 * as one created before PostgreSQL existed, and PostgreSQL gets its own text beside them.
 */
export function onPostgres(knex: Knex): boolean {
  return knex.client.dialect === 'postgresql';
}

/** The engine a migration runs on. */
export function engineOf(knex: Knex): SqlEngine {
  return onPostgres(knex) ? 'postgres' : 'sqlite';
}

/**
 * A `CREATE TABLE` written in SQLite's words, for PostgreSQL with the store's column types (`pg-client.ts`):
 * integers are 64-bit (`BIGINT`, as SQLite's; masks of check codes reach 2^52), text compares byte by byte, and
 * `WITHOUT ROWID` (a table clustered on its primary key) has no equivalent: PostgreSQL tables are heaps with an index.
 */
export function tableSql(knex: Knex, sql: string): string {
  if (!onPostgres(knex)) return sql;
  return sql.replace(/\bINTEGER\b/g, 'BIGINT').replace(/\bTEXT\b/g, TEXT_TYPE).replace(/\s*WITHOUT ROWID\s*$/, '');
}

/** A PostgreSQL trigger and the plpgsql function it runs (`<name>_fn`). */
export interface PostgresTrigger {
  name: string;
  table: string;
  /** e.g. `BEFORE UPDATE`, `AFTER INSERT`, `AFTER UPDATE OF status`. */
  timing: string;
  /** `FOR EACH ROW` (default) or, with transition tables, `REFERENCING NEW TABLE AS n FOR EACH STATEMENT`. */
  level?: string;
  /** Condition on OLD/NEW of a row trigger, without parentheses. */
  when?: string;
  /** plpgsql statements, each ending with `;`. */
  body: string;
}

/** Creates a PostgreSQL trigger: its function (returning NULL, which AFTER and statement triggers ignore) and itself. */
export async function createPostgresTrigger(knex: Knex, trigger: PostgresTrigger): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION ${trigger.name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${trigger.body} RETURN NULL; END $$`);
  await knex.raw(`CREATE TRIGGER ${trigger.name} ${trigger.timing} ON ${trigger.table} ${trigger.level ?? 'FOR EACH ROW'}
    ${trigger.when === undefined ? '' : `WHEN (${trigger.when})`} EXECUTE FUNCTION ${trigger.name}_fn()`);
}

/** Drops a trigger created by `createPostgresTrigger` or by SQLite's `CREATE TRIGGER`. */
export async function dropTrigger(knex: Knex, name: string, table: string): Promise<void> {
  if (!onPostgres(knex)) {
    await knex.raw(`DROP TRIGGER ${name}`);
    return;
  }
  await knex.raw(`DROP TRIGGER ${name} ON ${table}`);
  await knex.raw(`DROP FUNCTION ${name}_fn()`);
}

/**
 * Makes `table` append-only on PostgreSQL: any UPDATE or DELETE fails with `message` (the SQLite migrations do the
 * same with `RAISE(ABORT, …)` triggers). The triggers are named as SQLite's, `<table>_no_update` / `<table>_no_delete`.
 */
export async function appendOnlyOnPostgres(knex: Knex, table: string, message: string): Promise<void> {
  for (const verb of ['update', 'delete']) {
    await createPostgresTrigger(knex, {
      name: `${table}_no_${verb}`,
      table,
      timing: `BEFORE ${verb.toUpperCase()}`,
      body: `RAISE EXCEPTION '${message.replace(/'/g, "''")}';`,
    });
  }
}

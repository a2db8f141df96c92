import type { SqlEngine } from './store-address';

/**
 * The few SQL fragments that differ between SQLite and PostgreSQL, written once here so that query functions keep
 * one text with a fragment per difference. What both engines read alike needs nothing: `?` placeholders (rewritten
 * for PostgreSQL by `PgExecutor`), `ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`, `COALESCE`, `CASE`, `substr`
 * on text, `CAST(x AS BIGINT | TEXT | DOUBLE PRECISION)`, `COUNT(*) FILTER (WHERE …)`, window functions, CTEs,
 * `NULLS FIRST | LAST` (write it: SQLite puts NULLs first in ascending order, PostgreSQL last).
 */

/** Concatenation of `expression` over a group, separated by `separator` (an SQL string literal), in `orderBy` order. */
export function groupConcat(engine: SqlEngine, expression: string, separator: string, orderBy?: string): string {
  const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
  return engine === 'postgres' ? `string_agg(CAST(${expression} AS TEXT), ${separator}${order})` : `group_concat(${expression}, ${separator}${order})`;
}

/** The larger of two values (SQLite's scalar `MAX(a, b)`); NULL when either is NULL, as SQLite's. */
export function greatest(engine: SqlEngine, a: string, b: string): string {
  return engine === 'postgres' ? `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL ELSE GREATEST(${a}, ${b}) END` : `MAX(${a}, ${b})`;
}

/** The smaller of two values (SQLite's scalar `MIN(a, b)`); NULL when either is NULL, as SQLite's. */
export function least(engine: SqlEngine, a: string, b: string): string {
  return engine === 'postgres' ? `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL ELSE LEAST(${a}, ${b}) END` : `MIN(${a}, ${b})`;
}

/**
 * The text at `path` (keys, e.g. `['reasons', '0']`) of a JSON text column, or NULL: SQLite's `json_extract` on a
 * string, PostgreSQL's `#>>`.
 */
export function jsonText(engine: SqlEngine, column: string, path: readonly string[]): string {
  if (engine === 'postgres') return `(${column})::jsonb #>> '{${path.join(',')}}'`;
  return `json_extract(${column}, '$${path.map((key) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`)).join('')}')`;
}

/** Length of the JSON array at `path` of a JSON text column (NULL when absent). */
export function jsonArrayLength(engine: SqlEngine, column: string, path: readonly string[]): string {
  if (engine === 'postgres') return `jsonb_array_length((${column})::jsonb #> '{${path.join(',')}}')`;
  return `json_array_length(${column}, '$${path.map((key) => `.${key}`).join('')}')`;
}

/**
 * A one-column table `(value)` of the elements of a JSON array bound as one text parameter (`placeholder`): long
 * lists of keys or ids travel as one parameter instead of thousands. `type` is the elements' SQL type.
 */
export function jsonArrayValues(engine: SqlEngine, type: 'text' | 'bigint' | 'double precision', placeholder = '?'): string {
  if (engine === 'postgres') return `(SELECT CAST(j.value AS ${type === 'text' ? 'TEXT' : type.toUpperCase()}) AS value FROM jsonb_array_elements_text(CAST(${placeholder} AS JSONB)) AS j(value))`;
  return `(SELECT value FROM json_each(${placeholder}))`;
}

/** `round(x, digits)`: PostgreSQL rounds numerics only (half away from zero, as SQLite does). */
export function roundTo(engine: SqlEngine, expression: string, digits: number): string {
  return engine === 'postgres' ? `CAST(round(CAST(${expression} AS NUMERIC), ${digits}) AS DOUBLE PRECISION)` : `round(${expression}, ${digits})`;
}

/**
 * A JSON array text of `values` (SQL expressions, comma-separated), one per row: SQLite's `json_array`, PostgreSQL's
 * `json_build_array` cast to text (node-postgres would otherwise parse it), so that readers `JSON.parse` the same
 * text on both. Reals keep every digit on PostgreSQL (shortest exact form).
 */
export function jsonArrayText(engine: SqlEngine, values: string): string {
  return engine === 'postgres' ? `CAST(json_build_array(${values}) AS TEXT)` : `json_array(${values})`;
}

import { StoreAdminError } from './store-admin-error';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';

/** A table as the copy moves it: its columns, and its primary key (empty when it has none). */
export interface TableShape {
  name: string;
  columns: string[];
  key: string[];
}

/** Rows read and written per step of a table with a primary key, by default: each step is its own transaction. */
const ROWS_PER_STEP = 5_000;

/** The target's bookkeeping of a copy in progress (dropped when the copy completes). */
const PROGRESS_TABLE = 'store_copy_progress';

/**
 * Derived tables (caches and summaries rebuilt from the others), copied after every other table: triggers of the
 * tables they derive from empty or mark them while those are copied.
 */
const DERIVED_TABLES = new Set([
  'campaign_trip_blocks', 'campaign_persons', 'review_summary_dirty', 'review_journeys', 'review_journey_checks', 'review_persons',
  'review_person_checks', 'review_person_journeys', 'review_person_journey_checks',
]);

/** Tables that hold data only once something was imported or recorded: a target holding any is not a new store. */
const DATA_TABLES = ['trips', 'import_batches', 'audit_log', 'review_decisions', 'declared_trips', 'attestations'];

/** The application tables of a store with their columns and primary keys, parents before the tables that reference them. */
export async function tableShapes(db: SqlExecutor): Promise<TableShape[]> {
  const shapes = db.engine === 'postgres' ? await postgresShapes(db) : await sqliteShapes(db);
  const parents = db.engine === 'postgres' ? await postgresParents(db) : await sqliteParents(db);
  return dependencyOrder(shapes, parents);
}

/** Names of a store's application tables (SQLite's and knex's own left out), sorted. */
export async function applicationTables(db: SqlExecutor): Promise<string[]> {
  const rows =
    db.engine === 'postgres'
      ? await db.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex\\_%' ORDER BY tablename")
      : await db.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'knex\\_%' ESCAPE '\\' ORDER BY name",
        );
  return rows.map((row) => row.name);
}

async function sqliteShapes(db: SqlExecutor): Promise<TableShape[]> {
  const shapes: TableShape[] = [];
  for (const name of await applicationTables(db)) {
    const columns = await db.all<{ name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid', [name]);
    shapes.push({
      name,
      columns: columns.map((column) => column.name),
      key: columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
    });
  }
  return shapes;
}

async function sqliteParents(db: SqlExecutor): Promise<Array<{ child: string; parent: string }>> {
  return db.all(
    "SELECT m.name AS child, f.\"table\" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
  );
}

async function postgresShapes(db: SqlExecutor): Promise<TableShape[]> {
  const columns = await db.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name NOT LIKE 'knex\\_%'
       AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())
     ORDER BY table_name, ordinal_position`,
  );
  const keys = await db.all<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.position`,
  );
  const shapes = new Map<string, TableShape>();
  for (const row of columns) {
    const shape = shapes.get(row.table_name) ?? { name: row.table_name, columns: [], key: [] };
    shape.columns.push(row.column_name);
    shapes.set(row.table_name, shape);
  }
  for (const row of keys) shapes.get(row.table_name)?.key.push(row.column_name);
  return [...shapes.values()];
}

async function postgresParents(db: SqlExecutor): Promise<Array<{ child: string; parent: string }>> {
  return db.all(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
}

/** Tables ordered so that each comes after the tables it references, derived tables last; ties by name. */
function dependencyOrder(shapes: readonly TableShape[], links: ReadonlyArray<{ child: string; parent: string }>): TableShape[] {
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const pending = [...shapes].sort((a, b) => Number(DERIVED_TABLES.has(a.name)) - Number(DERIVED_TABLES.has(b.name)) || a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const index = pending.findIndex((shape) => links.every((link) => link.child !== shape.name || link.parent === shape.name || placed.has(link.parent)));
    if (index === -1) throw new StoreAdminError(`références circulaires entre les tables ${pending.map((shape) => shape.name).join(', ')}`);
    const [next] = pending.splice(index, 1) as [TableShape];
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** What the copy did to one table. */
export interface TableCopied {
  table: string;
  /** Rows of the table in the source and in the target at the end (equal, or the copy fails). */
  rows: number;
  /** Rows written by this run (0 for a table a previous run had finished). */
  written: number;
}

/** Progress of a copy: the table being copied, its rows written so far and its row count in the source. */
export interface CopyProgress {
  table: string;
  tableIndex: number;
  tableCount: number;
  written: number;
  total: number;
}

/**
 * Copies every application table of `source` into `target`, both migrated to the same schema. The target must be a
 * new store (no journey, batch, audit entry, decision, declaration or attestation), or hold a copy of the same source
 * that stopped half-way: the copy resumes where it stopped (keeps its progress in a table of the target, dropped at
 * the end). Tables are copied parents first, in steps of a few thousand rows by primary key, each step one
 * transaction; a table without a primary key is copied in one transaction. Ids keep their values (PostgreSQL
 * sequences are moved past them). At the end, the row count of every table is compared: any difference fails.
 * `sourceName` identifies the source in the progress (the address without password).
 */
export async function copyStore(
  source: SqlExecutor,
  target: SqlExecutor,
  sourceName: string,
  onProgress: (progress: CopyProgress) => void = () => undefined,
  stepRows = ROWS_PER_STEP,
): Promise<TableCopied[]> {
  const shapes = await tableShapes(source);
  const targetTables = new Set((await tableShapes(target)).map((shape) => shape.name));
  const missing = shapes.filter((shape) => !targetTables.has(shape.name) && shape.name !== PROGRESS_TABLE);
  if (missing.length > 0) throw new StoreAdminError(`la base cible n’a pas les tables ${missing.map((shape) => shape.name).join(', ')} : schémas différents`);
  const done = await startOrResume(target, sourceName);
  const copied: TableCopied[] = [];
  const tables = shapes.filter((shape) => shape.name !== PROGRESS_TABLE);
  for (const [tableIndex, shape] of tables.entries()) {
    const total = await count(source, shape.name);
    let written = 0;
    if (!done.has(shape.name)) {
      const report = (rows: number): void => onProgress({ table: shape.name, tableIndex, tableCount: tables.length, written: rows, total });
      report(0);
      written = shape.key.length > 0 ? await copyByKey(source, target, { shape, sourceName, stepRows }, report) : await copyWhole(source, target, shape, stepRows, report);
      await markTable(target, shape.name, sourceName, 'done');
    }
    copied.push({ table: shape.name, rows: total, written });
  }
  if (target.engine === 'postgres') await advanceSequences(target, tables);
  const differences: string[] = [];
  for (const table of copied) {
    const rows = await count(target, table.table);
    if (rows !== table.rows) differences.push(`${table.table} : ${table.rows} dans la source, ${rows} dans la cible`);
  }
  if (differences.length > 0) throw new StoreAdminError(`nombres de lignes différents après la copie (la source a-t-elle changé pendant la copie ?) : ${differences.join(' ; ')}`);
  await target.exec(`DROP TABLE ${PROGRESS_TABLE}`);
  return copied;
}

/** The tables a previous run finished; creates the progress table for a new copy, after checking the target is new. */
async function startOrResume(target: SqlExecutor, sourceName: string): Promise<Set<string>> {
  const present = (await tableShapes(target)).some((shape) => shape.name === PROGRESS_TABLE);
  if (present) {
    const rows = await target.all<{ table_name: string; state: string; source: string }>(`SELECT table_name, state, source FROM ${PROGRESS_TABLE}`);
    const other = rows.find((row) => row.source !== sourceName);
    if (other !== undefined) throw new StoreAdminError(`la base cible reçoit déjà la copie d’une autre base (${other.source}) : terminez-la ou repartez d’une base neuve`);
    return new Set(rows.filter((row) => row.state === 'done').map((row) => row.table_name));
  }
  for (const table of DATA_TABLES) {
    if ((await count(target, table)) > 0) throw new StoreAdminError(`la base cible contient déjà des données (table ${table}) : la copie se fait vers une base neuve`);
  }
  await target.exec(`CREATE TABLE ${PROGRESS_TABLE} (table_name TEXT PRIMARY KEY, state TEXT NOT NULL, source TEXT NOT NULL)`);
  return new Set();
}

/** Records where the copy of a table stands: `started` (rows being written) or `done`. */
async function markTable(db: SqlExecutor, table: string, sourceName: string, state: 'started' | 'done'): Promise<void> {
  await db.run(
    `INSERT INTO ${PROGRESS_TABLE} (table_name, state, source) VALUES (?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET state = excluded.state`,
    [table, state, sourceName],
  );
}

async function count(db: SqlExecutor, table: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/**
 * Copies a table with a primary key in steps, from the last key the target holds: a stopped copy resumes there. The
 * first step of a table empties it on the target (rows a migration put there, such as the bundled AOM table).
 */
async function copyByKey(
  source: SqlExecutor,
  target: SqlExecutor,
  { shape, sourceName, stepRows }: { shape: TableShape; sourceName: string; stepRows: number },
  report: (written: number) => void,
): Promise<number> {
  const started = (await target.all(`SELECT 1 FROM ${PROGRESS_TABLE} WHERE table_name = ?`, [shape.name])).length > 0;
  if (!started) {
    await target.transaction(async (tx) => {
      await tx.run(`DELETE FROM ${shape.name}`);
      await markTable(tx, shape.name, sourceName, 'started');
    });
  }
  const keys = shape.key.join(', ');
  const [last] = await target.all<Record<string, unknown>>(`SELECT ${keys} FROM ${shape.name} ORDER BY ${shape.key.map((k) => `${k} DESC`).join(', ')} LIMIT 1`);
  let after: unknown[] | null = last === undefined ? null : shape.key.map((k) => last[k]);
  let written = 0;
  for (;;) {
    const where = after === null ? '' : `WHERE (${keys}) > (${shape.key.map(() => '?').join(', ')})`;
    const rows = await source.all<Record<string, unknown>>(`SELECT ${shape.columns.join(', ')} FROM ${shape.name} ${where} ORDER BY ${keys} LIMIT ${stepRows}`, after ?? []);
    if (rows.length === 0) return written;
    await target.transaction((tx) => writeRows(tx, shape, rows));
    written += rows.length;
    report(written);
    const lastRow = rows[rows.length - 1] as Record<string, unknown>;
    after = shape.key.map((k) => lastRow[k]);
  }
}

/**
 * Copies a table without a primary key in one transaction (emptied first: a copy stopped before the table was marked
 * done starts it again).
 */
async function copyWhole(source: SqlExecutor, target: SqlExecutor, shape: TableShape, stepRows: number, report: (written: number) => void): Promise<number> {
  const rows = await tableRows(source, shape);
  await target.transaction(async (tx) => {
    await tx.run(`DELETE FROM ${shape.name}`);
    for (let offset = 0; offset < rows.length; offset += stepRows) await writeRows(tx, shape, rows.slice(offset, offset + stepRows));
  });
  report(rows.length);
  return rows.length;
}

/** Every row of a table, in no particular order (a whole table is copied at once, or compared in tests). */
export async function tableRows(db: SqlExecutor, shape: TableShape): Promise<Array<Record<string, unknown>>> {
  return db.all(`SELECT ${shape.columns.join(', ')} FROM ${shape.name}`);
}

/**
 * Writes rows read from the source: through the bulk path (`insertRows`), except rows holding binary values (the
 * campaign blocks' encoded days), bound one by one since the bulk path carries text and numbers only.
 */
async function writeRows(db: SqlExecutor, shape: TableShape, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const values = rows.map((row) => shape.columns.map((column) => row[column] ?? null));
  if (!values.some((row) => row.some((value) => value instanceof Uint8Array))) {
    await insertRows(db, shape.name, shape.columns, values);
    return;
  }
  const sql = `INSERT INTO ${shape.name} (${shape.columns.join(', ')}) VALUES (${shape.columns.map(() => '?').join(', ')})`;
  for (const row of values) await db.run(sql, row);
}

/** Moves each PostgreSQL sequence of an id column past the largest id copied (the next insert gets a new id). */
async function advanceSequences(db: SqlExecutor, tables: readonly TableShape[]): Promise<void> {
  for (const shape of tables) {
    for (const column of shape.key) {
      const [row] = await db.all<{ sequence: string | null }>('SELECT pg_get_serial_sequence(?, ?) AS sequence', [shape.name, column]);
      if (row?.sequence == null) continue;
      await db.all(`SELECT setval(CAST(? AS REGCLASS), COALESCE((SELECT MAX(${column}) FROM ${shape.name}), 1), (SELECT COUNT(*) > 0 FROM ${shape.name}))`, [row.sequence]);
    }
  }
}

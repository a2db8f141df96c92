import type { ContourRow } from '../geo/contours/contour-types';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';
import { ADVISORY_LOCKS, lockTransaction } from './advisory-locks';

const COLUMNS = ['level', 'code', 'name', 'geometry_json', 'lon', 'lat', 'source', 'derived', 'imported_at'] as const;
/** Rows between two progress reports. */
const ROWS_PER_REPORT = 2_000;

/**
 * Replaces the contours of `levels` in `map_contours` with `rows`, in one transaction (the worker's own
 * connection): a failure leaves every level as it was. Levels not listed keep their rows. `importedAt` is an ISO UTC
 * instant; `progress` gets the rows written so far.
 */
export async function replaceContourLevels(
  db: SqlExecutor,
  levels: readonly string[],
  rows: readonly ContourRow[],
  importedAt: string,
  progress: (written: number) => void,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Two imports replacing a level at once (two processes): SQLite's BEGIN IMMEDIATE makes the second wait; on
    // PostgreSQL (READ COMMITTED) it would not see the first one's rows to delete, and fail on their keys.
    await lockTransaction(tx, ADVISORY_LOCKS.contours);
    await tx.run(`DELETE FROM map_contours WHERE level IN (${levels.map(() => '?').join(', ')})`, levels);
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_REPORT) {
      const chunk = rows.slice(offset, offset + ROWS_PER_REPORT);
      await insertRows(
        tx,
        'map_contours',
        COLUMNS,
        chunk.map((row) => [row.level, row.code, row.name, row.geometryJson, row.lon, row.lat, row.source, row.derived ? 1 : 0, importedAt]),
      );
      progress(offset + chunk.length);
    }
  });
}

import type { CsvDialect } from '../../../shared/types/exports';
import type { TripFilter } from '../../../shared/types/trip-filter';
import { countTripExportExcluded, countTripExportRows, tripExportRows } from '../../db/trip-export-source';
import { withStoreConnection } from '../../db/store-connection';
import { writeTripListCsv, writeTripListXlsx } from '../../exports/trip-list';
import type { TaskContext } from './task-context';

/** What `export.trips` is started with: the store, the filter and the file to write. */
export interface ExportTripsParams {
  storeAddress: string;
  filter: TripFilter;
  /** Destination, `.csv` or `.xlsx` (the format follows the extension). */
  file: string;
  /** Keep journeys confirmed as fraud (by default left out, and counted in the summary). */
  includeConfirmedFraud: boolean;
  /** How a `.csv` is written (French Excel or standard); unused for `.xlsx`. */
  csvDialect: CsvDialect;
}

/** The list written, its rows and size (bytes), and the journeys confirmed fraud left out of it. */
export type ExportTripsSummary = {
  file: string;
  rows: number;
  bytes: number;
  excludedConfirmedFraud: number;
};

/** Writes the trip list of a filter (CSV or xlsx, streamed) through the worker's own read connection. */
export function exportTrips(params: ExportTripsParams, context: TaskContext): Promise<ExportTripsSummary> {
  return withStoreConnection(params.storeAddress, async (db) => {
    const include = params.includeConfirmedFraud;
    const total = await countTripExportRows(db, params.filter, include);
    const excluded = await countTripExportExcluded(db, params.filter, include);
    context.progress('write', 0, total);
    const options = { signal: context.signal, onProgress: (written: number) => context.progress('write', written, total) };
    const rows = tripExportRows(db, params.filter, include);
    const result = params.file.toLowerCase().endsWith('.csv')
      ? await writeTripListCsv(rows, params.file, { ...options, dialect: params.csvDialect })
      : await writeTripListXlsx(rows, params.file, options);
    return { file: params.file, rows: result.rows, bytes: result.bytes, excludedConfirmedFraud: excluded };
  });
}

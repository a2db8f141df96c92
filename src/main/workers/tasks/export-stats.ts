import type { StatsQuery } from '../../../shared/types/stats';
import { openDatabase } from '../../db/connection';
import { AomRepository } from '../../db/repositories/aom-repository';
import { StatsRepository } from '../../db/repositories/stats-repository';
import { writeTerritoryWorkbook } from '../../exports/territory-workbook';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import { StatsQueries } from '../../services/stats-queries';
import type { TaskContext } from './task-context';

/** What `export.stats` is started with: the store, the territory query and the workbook to write. */
export interface ExportStatsParams {
  storeAddress: string;
  query: StatsQuery;
  /** Destination `.xlsx`. */
  file: string;
  /** ISO instant printed on the summary sheet. */
  generatedAt: string;
}

/** The workbook written and what it holds. */
export type ExportStatsSummary = {
  file: string;
  journeys: number;
  communes: number;
  flows: number;
};

/** Writes the territory statistics workbook from the aggregates, through the worker's own read connection. */
export async function exportStats(params: ExportStatsParams, context: TaskContext): Promise<ExportStatsSummary> {
  context.progress('query', 0, 2);
  const db = openDatabase(params.storeAddress);
  try {
    const report = await new StatsQueries(new StatsRepository(db), new AomRepository(db)).report(params.query);
    context.signal.throwIfAborted();
    context.progress('write', 1, 2);
    await writeTerritoryWorkbook(report, params.file, { generatedAt: params.generatedAt, geography: loadDecoupageReference().vintage });
    context.progress('write', 2, 2);
    return { file: params.file, journeys: report.result.key.journeys, communes: report.communes.length, flows: report.flows.length };
  } finally {
    await db.destroy();
  }
}

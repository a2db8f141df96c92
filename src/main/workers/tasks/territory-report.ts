import { writeFile } from 'node:fs/promises';
import { writeThroughPartial } from '../../exports/partial-file';
import { buildTerritoryReportPdf, type TerritoryReportModel } from '../../exports/territory-report-pdf';
import { PRIVATE_FILE_MODE } from '../../platform/private-files';
import type { TaskContext } from './task-context';

/** What `territory.report` is started with: the figures composed on the main side, and the PDF to write. */
export interface TerritoryReportParams {
  model: TerritoryReportModel;
  /** Destination `.pdf` (replaced when it exists). */
  file: string;
}

/** The report written. */
export type TerritoryReportSummary = {
  file: string;
  bytes: number;
};

/**
 * Draws the one-page territory report (projection of the flows and contours, charts) and writes it through a
 * `.partial` file, readable by the user only (`0600`): the file under its final name is always complete.
 */
export async function territoryReport(params: TerritoryReportParams, context: TaskContext): Promise<TerritoryReportSummary> {
  context.progress('write', 0, 1);
  const pdf = await buildTerritoryReportPdf(params.model);
  context.signal.throwIfAborted();
  await writeThroughPartial(params.file, (partial) => writeFile(partial, pdf, { mode: PRIVATE_FILE_MODE }));
  context.progress('write', 1, 1);
  return { file: params.file, bytes: pdf.byteLength };
}

import type { AomCommune } from '../../domain/geo/aom';
import { readCeremaAomFile, type RejectedAomLine } from '../../geo/cerema-aom';
import type { TaskContext } from './task-context';

/** What `aom.read` is started with: the Cerema file to read. */
export interface AomReadParams {
  filePath: string;
}

/** What a Cerema file held: its format, the communes read and the first refused lines (with the full count). */
export type AomReadSummary = {
  /** `csv` (with the encoding detected) or `xlsx` (with the sheet read). */
  format: string;
  communes: number;
  rejectedCount: number;
  rejected: RejectedAomLine[];
};

/** Rows per batch handed to the runner (a Cerema file has about 35,000 communes). */
const BATCH_ROWS = 5_000;
/** Refused lines reported in the summary; the count is always complete. */
const REJECTED_SHOWN = 50;

/**
 * Parses a Cerema « composition communale des AOM » file (XLSX or CSV, a few MB: parsing it is the slow part,
 * hence the worker) and hands its rows to the runner, which writes them in one transaction at commit.
 */
export async function aomRead(params: AomReadParams, context: TaskContext<AomCommune>): Promise<AomReadSummary> {
  context.progress('read', 0, 0);
  const result = await readCeremaAomFile(params.filePath);
  context.signal.throwIfAborted();
  for (let offset = 0; offset < result.rows.length; offset += BATCH_ROWS) {
    await context.sendBatch(result.rows.slice(offset, offset + BATCH_ROWS));
    context.progress('read', Math.min(offset + BATCH_ROWS, result.rows.length), result.rows.length);
  }
  return {
    format: result.format,
    communes: result.rows.length,
    rejectedCount: result.rejected.length,
    rejected: result.rejected.slice(0, REJECTED_SHOWN),
  };
}

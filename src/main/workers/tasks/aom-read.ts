import { readCeremaAomFile } from '../../geo/cerema-aom';
import type { TaskContext } from './task-context';

export interface AomReadParams {
  filePath: string;
}

/** Rows per batch handed to the runner (a Cerema file has about 35,000 communes). */
const BATCH_ROWS = 5_000;
/** Refused lines reported in the summary; the count is always complete. */
const REJECTED_SHOWN = 50;

/**
 * Parses a Cerema « composition communale des AOM » file (XLSX or CSV, a few MB: parsing it is the slow part,
 * hence the worker) and hands its rows to the runner, which writes them in one transaction at commit.
 */
export async function aomRead(params: AomReadParams, context: TaskContext): Promise<Record<string, unknown>> {
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

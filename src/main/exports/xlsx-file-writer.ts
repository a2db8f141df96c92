import ExcelJS from 'exceljs';
import { OutputFile } from './output-file';

/** Excel's 1,048,576 rows per sheet, minus a header row. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

/** Uncompressed sheet XML (bytes) allowed to wait for the zip compressor before rows stop being produced. */
const MAX_ZIP_BACKLOG = 4 * 1024 * 1024;

/** Rows between two looks at the zip backlog; each look also yields to the event loop so compression moves on. */
const ROWS_PER_CHECK = 100;

interface ZipEntryStream {
  _writableState: { length: number };
}

/**
 * The archiver stream that receives a sheet's XML. exceljs 4.4 feeds it from a buffer whose `write()` always
 * answers true and never waits, so a producer faster than deflate piles the whole sheet up in memory (about 1 GB
 * for a million rows). This stream does count what is waiting, so watching it is what keeps memory flat. Null if
 * exceljs no longer has this shape: pacing then only yields to the event loop (a test guards the shape).
 */
function zipEntryOf(sheet: ExcelJS.Worksheet): (ZipEntryStream & NodeJS.EventEmitter) | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const entry = pipes?.[0] as Partial<ZipEntryStream & NodeJS.EventEmitter> | undefined;
  const shaped = typeof entry?._writableState?.length === 'number' && typeof entry.once === 'function';
  return shaped ? (entry as ZipEntryStream & NodeJS.EventEmitter) : null;
}

/** Bytes of `sheet`'s XML waiting for the compressor, or null if they cannot be seen (exported for a test). */
export function zipBacklogBytes(sheet: ExcelJS.Worksheet): number | null {
  return zipEntryOf(sheet)?._writableState.length ?? null;
}

/**
 * One xlsx file written with exceljs's streaming writer (styles on, inline strings) in bounded memory: call
 * `paced(sheet)` after each committed row, then `finish()`, or `discard()` on failure. The caller's cancellation
 * and any error of the output file stop `paced` and `finish` with that reason.
 */
export class XlsxFileWriter {
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly output: OutputFile;
  private rowsSinceCheck = 0;

  constructor(path: string, signal?: AbortSignal) {
    this.output = new OutputFile(path, signal);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.output.stream, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Atelier Covoiturage';
  }

  /** Throws the cancellation reason or the output error, if any. */
  throwIfStopped(): void {
    this.output.throwIfStopped();
  }

  /** After each committed row: every 100 rows, waits while the compressor lags behind (see `zipEntryOf`). */
  async paced(sheet: ExcelJS.Worksheet): Promise<void> {
    this.rowsSinceCheck += 1;
    if (this.rowsSinceCheck < ROWS_PER_CHECK) return;
    this.rowsSinceCheck = 0;
    const entry = zipEntryOf(sheet);
    if (entry && entry._writableState.length > MAX_ZIP_BACKLOG) await this.output.waitFor(entry, 'drain');
    else await this.output.yieldTurn();
  }

  /** Commits the workbook (its sheets must be committed already), waits until the file is closed; answers its bytes. */
  async finish(): Promise<number> {
    this.throwIfStopped();
    await this.workbook.commit();
    await this.output.closed();
    this.throwIfStopped();
    return this.output.stream.bytesWritten;
  }

  /** Abandons the file after a failure: closes it without finishing the zip (the caller deletes it). */
  async discard(): Promise<void> {
    await this.output.discard();
  }
}

import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { detectDelimiter } from '../domain/extracts/detect-format';
import { ExtractFileError } from './extract-file-error';

/** One data line of a CSV: its cells, the 1-based line it starts on, and a parse problem if any. */
export interface CsvRow {
  cells: string[];
  line: number;
  /** The file's delimiter, to rebuild the line's text (`rawLine`). */
  delimiter: string;
  problem: string | null;
}

/** Rows handed to `onRows` at once: each call is one write transaction, so they are gathered across parser chunks. */
const ROWS_PER_CALL = 5_000;

export interface CsvHandlers {
  /** Receives the header cells once; throws to refuse the file. */
  onHeader(cells: string[], delimiter: string): void;
  /** Receives data lines in chunks; reading waits for the returned promise (backpressure). */
  onRows(rows: CsvRow[]): Promise<void>;
}

/** The text of a line, rebuilt from its cells (only rejected lines need it, so it is not built for every line). */
export function rawLine(row: CsvRow): string {
  const { delimiter } = row;
  return row.cells.map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}

/**
 * Reads text until the end of the first line, then gives the read text back: to the stream itself, or, when the
 * stream ended before any line break (a header alone, without final newline), in a new stream holding that text,
 * since an ended stream takes nothing back.
 */
async function peekFirstLine(text: Readable, name: string): Promise<{ line: string; rest: Readable }> {
  let seen = '';
  for (;;) {
    const chunk = text.read() as string | null;
    if (chunk !== null) {
      seen += chunk;
      const end = seen.indexOf('\n');
      if (end >= 0 || seen.length > 1_000_000) {
        text.unshift(seen);
        return { line: (end >= 0 ? seen.slice(0, end) : seen).replace(/\r$/, ''), rest: text };
      }
      continue;
    }
    if (text.readableEnded) return { line: seen.replace(/\r$/, ''), rest: Readable.from([seen]) };
    await new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        text.off('readable', onReadable);
        text.off('end', onReadable);
        text.off('error', onError);
      };
      const onReadable = (): void => {
        cleanup();
        resolve();
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      text.once('readable', onReadable);
      text.once('end', onReadable);
      text.once('error', onError);
    });
    if (text.readableEnded && seen.length === 0 && text.readableLength === 0) throw new ExtractFileError(`${name} : fichier vide`);
  }
}

/**
 * Streams a CSV with papaparse (the fastest parser measured here), never holding the file in memory: detects the
 * delimiter from the header line, hands the header then chunks of rows with the line each starts on (quoted
 * fields may span lines), and pauses the parser while a chunk is being written.
 */
export async function readCsv(text: Readable, name: string, handlers: CsvHandlers): Promise<{ rows: number; lines: number }> {
  const { line: headerLine, rest } = await peekFirstLine(text, name);
  if (headerLine.replace(/^\uFEFF/, '').trim() === '') throw new ExtractFileError(`${name} : fichier vide`);
  const delimiter = detectDelimiter(headerLine);
  if (!delimiter) throw new ExtractFileError(`${name} : en-tête illisible, aucun séparateur « ; », « , » ni tabulation`);

  let line = 1;
  let rowCount = 0;
  let headerSeen = false;
  let failure: unknown = null;

  let pending: CsvRow[] = [];
  await new Promise<void>((resolve, reject) => {
    rest.on('error', reject);
    Papa.parse<string[]>(rest as unknown as File, {
      delimiter,
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        const problems = new Map<number, string>();
        for (const error of results.errors) {
          if (error.row !== undefined && error.row !== null) {
            problems.set(error.row, error.code === 'MissingQuotes' ? 'guillemet non fermé' : `CSV invalide (${error.message})`);
          }
        }
        results.data.forEach((cells, i) => {
          const startLine = line;
          let newlines = 0;
          for (const cell of cells) for (let k = cell.indexOf('\n'); k >= 0; k = cell.indexOf('\n', k + 1)) newlines += 1;
          line += 1 + newlines;
          if (!headerSeen) {
            headerSeen = true;
            try {
              handlers.onHeader(cells, delimiter);
            } catch (error) {
              failure = error;
              parser.abort();
            }
            return;
          }
          if (cells.length === 1 && cells[0] === '') return;
          rowCount += 1;
          pending.push({ cells, line: startLine, delimiter, problem: problems.get(i) ?? null });
        });
        if (pending.length < ROWS_PER_CALL || failure) return;
        const rows = pending;
        pending = [];
        // papaparse's pause only stops parsing: the stream must be paused too, or it keeps queueing the whole file
        // in memory while the rows are written.
        parser.pause();
        rest.pause();
        handlers.onRows(rows).then(
          () => {
            rest.resume();
            parser.resume();
          },
          (error: unknown) => {
            failure = error;
            rest.resume();
            parser.abort();
          },
        );
      },
      complete: () => {
        if (failure) return reject(failure);
        const rows = pending;
        pending = [];
        (rows.length > 0 ? handlers.onRows(rows) : Promise.resolve()).then(resolve, reject);
      },
      error: (error: Error) => reject(error instanceof ExtractFileError ? error : new ExtractFileError(`${name} : lecture impossible (${error.message})`)),
    });
  });
  return { rows: rowCount, lines: line - 1 };
}

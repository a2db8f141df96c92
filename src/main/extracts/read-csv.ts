import type { Readable } from 'node:stream';
import { detectDelimiter } from '../domain/extracts/detect-format';
import { formatInteger } from '../../shared/util/format';
import { ExtractFileError } from './extract-file-error';

/** One data line of a CSV: its cells, the 1-based line it starts on, and a parse problem if any. */
export interface CsvRow {
  cells: string[];
  line: number;
  /** The file's delimiter, to rebuild the line's text (`rawLine`). */
  delimiter: string;
  /** Stable reason when the line cannot be read as CSV (unclosed quote, line too large…), else null. */
  problem: string | null;
  /** What this occurrence of the problem showed (size of the line, where a quote opened…). */
  detail?: string | null;
  /** The line's text when its cells were not kept (a line over `MAX_LINE_CHARS`), already cut to `MAX_RAW_CHARS`. */
  raw?: string;
}

/**
 * Largest CSV line read, in characters (quoted line breaks included): 1 Mi characters, about 1 MiB. Registry lines
 * are about 1 KB; a longer line is rejected with its reason (`ligne trop volumineuse`), and a quote still open
 * after that many characters refuses the file. It bounds the memory one line can take, whatever the file holds.
 */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Text kept for a line over `MAX_LINE_CHARS` (its start, ending with `…`); other rejected lines keep all of theirs. */
export const MAX_RAW_CHARS = 16 * 1024;

/** Rows handed to `onRows` at once: each call is one write transaction, so they are gathered across chunks. */
const ROWS_PER_CALL = 5_000;

export interface CsvHandlers {
  /** Receives the header cells once; throws to refuse the file. */
  onHeader(cells: string[], delimiter: string): void;
  /** Receives data lines in chunks; reading waits for the returned promise (backpressure). */
  onRows(rows: CsvRow[]): Promise<void>;
}

function cut(text: string): string {
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS - 1)}…` : text;
}

/** The text of a line, rebuilt from its cells (only rejected lines need it, so it is not built for every line). */
export function rawLine(row: CsvRow): string {
  if (row.raw !== undefined) return row.raw;
  const { delimiter } = row;
  return row.cells.map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}

const QUOTE = 0x22;

/** Index of `search` in `text` from `from`, or the text's length when it is not there. */
function indexOrLength(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

const enum State {
  /** At the first character of a cell. */
  CellStart,
  /** In a cell without quotes. */
  Bare,
  /** In a quoted cell. */
  Quoted,
  /** In a quoted cell, on a quote that ended the previous chunk: escaped (`""`) or closing, the next chunk tells. */
  QuoteAtEnd,
  /** Just after a closing quote. */
  Closed,
  /** After a closing quote then a CR, where only LF may follow. */
  ClosedCr,
  /** In a line over the limit, outside quotes: skipped to its end. */
  Skip,
  /** In a line over the limit, inside quotes: skipped to the closing quote. */
  SkipQuoted,
  /** As `QuoteAtEnd`, in a line being skipped. */
  SkipQuoteAtEnd,
}

/**
 * A streaming CSV reader (RFC 4180 quoting, `""` inside quotes, line breaks inside quoted cells) whose time is
 * linear in the text and whose memory is bounded by one line: each character is scanned once (positions of the
 * next delimiter and line break are kept, never searched again), and a line longer than `MAX_LINE_CHARS` is
 * skipped to its end without being kept. Line ends are LF or CRLF, or CR alone when the header ends so.
 */
class CsvParser {
  readonly rows: CsvRow[] = [];
  /** Line the reader is on (1-based). */
  line = 1;
  private state = State.CellStart;
  private cells: string[] = [];
  private cell = '';
  private recordLine = 1;
  private recordChars = 0;
  private problem: string | null = null;
  private detail: string | null = null;
  /** Characters of the line being skipped, and its start as kept in quarantine. */
  private skipped = 0;
  private skippedRaw = '';

  constructor(
    private readonly name: string,
    readonly delimiter: string,
    private readonly eol: '\n' | '\r',
  ) {}

  /** Reads a chunk of text; complete lines are added to `rows`. */
  push(text: string): void {
    const { delimiter, eol } = this;
    const length = text.length;
    // Next delimiter and line break at or after the cursor, `length` when there is none left in this chunk.
    let nextDelimiter = -1;
    let nextEol = -1;
    let i = 0;
    while (i < length) {
      switch (this.state) {
        case State.CellStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            i += 1;
            this.charge(1);
            break;
          }
          this.state = State.Bare;
          break;
        case State.Bare: {
          if (nextDelimiter < i) nextDelimiter = indexOrLength(text, delimiter, i);
          if (nextEol < i) nextEol = indexOrLength(text, eol, i);
          const end = nextDelimiter < nextEol ? nextDelimiter : nextEol;
          if (!this.charge(end - i, false)) break;
          if (end === length) {
            this.cell += text.slice(i);
            i = length;
            break;
          }
          this.cell += text.slice(i, end);
          i = end + 1;
          if (end === nextDelimiter) this.endCell();
          else this.endRecord(true);
          break;
        }
        case State.Quoted: {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? length : quote;
          if (!this.charge(end - i, false)) break;
          this.countLines(text, i, end);
          this.cell += text.slice(i, end);
          if (quote === -1) i = length;
          else if (quote + 1 === length) {
            this.state = State.QuoteAtEnd;
            i = length;
          } else if (text.charCodeAt(quote + 1) === QUOTE) {
            this.cell += '"';
            i = quote + 2;
            this.charge(2);
          } else {
            this.state = State.Closed;
            i = quote + 1;
            this.charge(1);
          }
          break;
        }
        case State.QuoteAtEnd:
          if (text.charCodeAt(i) === QUOTE) {
            this.cell += '"';
            this.state = State.Quoted;
            i += 1;
            this.charge(2);
          } else {
            this.state = State.Closed;
            this.charge(1);
          }
          break;
        case State.Closed:
        case State.ClosedCr: {
          const char = text[i];
          if (this.state === State.Closed && char === delimiter) {
            i += 1;
            this.endCell();
          } else if (char === eol) {
            i += 1;
            this.endRecord(false);
          } else if (this.state === State.Closed && char === '\r') {
            this.state = State.ClosedCr;
            i += 1;
            this.charge(1);
          } else {
            // Text after a closing quote (`"abc"x`): the line is rejected; what follows is read as a bare cell.
            this.problem ??= 'CSV invalide (guillemet mal placé)';
            if (this.state === State.ClosedCr) this.cell += '\r';
            this.state = State.Bare;
          }
          break;
        }
        case State.Skip: {
          if (nextEol < i) nextEol = indexOrLength(text, eol, i);
          const end = nextEol;
          this.skipped += end - i;
          i = end;
          if (end < length) {
            i += 1;
            this.endOversized();
          }
          break;
        }
        case State.SkipQuoted: {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? length : quote;
          this.countLines(text, i, end);
          if (this.line > this.recordLine) this.refuseUnbalanced();
          this.skipped += end - i;
          if (quote === -1) i = length;
          else if (quote + 1 === length) {
            this.state = State.SkipQuoteAtEnd;
            i = length;
          } else {
            // An escaped quote stays inside; a closing one leaves the rest of the line to skip.
            this.state = text.charCodeAt(quote + 1) === QUOTE ? State.SkipQuoted : State.Skip;
            i = text.charCodeAt(quote + 1) === QUOTE ? quote + 2 : quote + 1;
          }
          break;
        }
        case State.SkipQuoteAtEnd:
          this.state = text.charCodeAt(i) === QUOTE ? State.SkipQuoted : State.Skip;
          if (this.state === State.SkipQuoted) i += 1;
          break;
      }
    }
  }

  /** Ends the text: a last line without line break is read, a quote left open is the line's problem. */
  end(): void {
    switch (this.state) {
      case State.Skip:
      case State.SkipQuoted:
      case State.SkipQuoteAtEnd:
        return this.endOversized();
      case State.CellStart:
        if (this.cells.length === 0) return;
        return this.endRecord(true);
      case State.Quoted: {
        this.problem = 'guillemet non fermé';
        const lines = this.line - this.recordLine + 1;
        this.detail = `guillemet ouvert ligne ${formatInteger(this.recordLine)}, jamais refermé` + (lines > 1 ? ` (${formatInteger(lines)} lignes jusqu’à la fin du fichier)` : '');
        return this.endRecord(false);
      }
      default:
        return this.endRecord(this.state === State.Bare);
    }
  }

  /**
   * Counts `count` more characters in the line (`consumed`: already read, else about to be). Past the limit, the
   * line's cells are dropped and the rest of the line is skipped (answers false: stop reading it here); but a line
   * that already runs over several lines (line breaks inside quotes) is a quote left open, that would swallow the
   * lines after it: the file is refused.
   */
  private charge(count: number, consumed = true): boolean {
    this.recordChars += count;
    if (this.recordChars <= MAX_LINE_CHARS) return true;
    if (this.line > this.recordLine) this.refuseUnbalanced();
    this.skippedRaw = cut([...this.cells, this.cell].join(this.delimiter));
    // Characters not read yet are counted again while skipping.
    this.skipped = this.recordChars - (consumed ? 0 : count);
    this.cells = [];
    this.cell = '';
    if (this.state === State.Quoted) this.state = State.SkipQuoted;
    else if (this.state === State.QuoteAtEnd) this.state = State.SkipQuoteAtEnd;
    else this.state = State.Skip;
    return false;
  }

  private refuseUnbalanced(): never {
    throw new ExtractFileError(
      `${this.name} : fichier refusé : des guillemets ouverts ligne ${formatInteger(this.recordLine)} courent jusqu’à la ligne ` +
        `${formatInteger(this.line)}, au-delà de la limite de ${formatInteger(MAX_LINE_CHARS)} caractères par ligne (guillemets déséquilibrés ?)`,
    );
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = text.indexOf(this.eol, from); k >= 0 && k < to; k = text.indexOf(this.eol, k + 1)) this.line += 1;
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.state = State.CellStart;
    this.charge(1);
  }

  private endRecord(bare: boolean): void {
    // CRLF: the CR ends the last cell when it is bare (after a quoted one, ClosedCr took it).
    const last = bare && this.eol === '\n' && this.cell.endsWith('\r') ? this.cell.slice(0, -1) : this.cell;
    this.cells.push(last);
    const blank = this.cells.length === 1 && last === '' && this.problem === null;
    if (!blank) this.rows.push({ cells: this.cells, line: this.recordLine, delimiter: this.delimiter, problem: this.problem, detail: this.detail });
    this.next();
  }

  private endOversized(): void {
    this.rows.push({
      cells: [],
      line: this.recordLine,
      delimiter: this.delimiter,
      problem: 'ligne trop volumineuse',
      detail: `${formatInteger(this.skipped)} caractères, au-delà de la limite de ${formatInteger(MAX_LINE_CHARS)}`,
      raw: this.skippedRaw,
    });
    this.skippedRaw = '';
    this.skipped = 0;
    this.next();
  }

  private next(): void {
    this.cells = [];
    this.cell = '';
    this.problem = null;
    this.detail = null;
    this.recordChars = 0;
    this.line += 1;
    this.recordLine = this.line;
    this.state = State.CellStart;
  }
}

/**
 * Reads the header line: text up to the first line break (LF, CRLF, or CR alone, which then ends every line), at
 * most `MAX_LINE_CHARS` characters. Answers the text read so far too, header included.
 */
async function readHeaderLine(chunks: AsyncIterator<string>, name: string): Promise<{ header: string; eol: '\n' | '\r'; text: string; done: boolean }> {
  let text = '';
  for (let searched = 0; ; ) {
    const lf = text.indexOf('\n', searched);
    const cr = text.indexOf('\r', searched);
    if (cr >= 0 && (lf === -1 || cr < lf) && cr + 1 < text.length) {
      return { header: text.slice(0, cr), eol: text[cr + 1] === '\n' ? '\n' : '\r', text, done: false };
    }
    if (lf >= 0) return { header: text.slice(0, lf), eol: '\n', text, done: false };
    if (text.length > MAX_LINE_CHARS) {
      throw new ExtractFileError(`${name} : en-tête illisible, pas de fin de ligne dans les ${formatInteger(MAX_LINE_CHARS)} premiers caractères`);
    }
    // A CR at the very end may be followed by LF in the next chunk: look at it again then.
    searched = cr >= 0 ? cr : text.length;
    const next = await chunks.next();
    if (next.done) return { header: text.replace(/\r$/, ''), eol: '\n', text, done: true };
    text += next.value;
  }
}

/**
 * Streams a CSV, never holding more than a chunk and a line of it: detects the delimiter from the header line,
 * hands the header then batches of rows with the line each starts on (quoted cells may span lines), and reads no
 * further while a batch is being written. Time is linear in the size whatever the file holds (long lines,
 * unbalanced quotes, no line break at all).
 */
export async function readCsv(text: Readable, name: string, handlers: CsvHandlers): Promise<{ rows: number; lines: number }> {
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;
  const start = await readHeaderLine(chunks, name);
  if (start.header.replace(/^\uFEFF/, '').trim() === '') throw new ExtractFileError(`${name} : fichier vide`);
  const delimiter = detectDelimiter(start.header);
  if (!delimiter) throw new ExtractFileError(`${name} : en-tête illisible, aucun séparateur « ; », « , » ni tabulation`);

  const parser = new CsvParser(name, delimiter, start.eol);
  let headerSeen = false;
  let rowCount = 0;
  let pending: CsvRow[] = [];
  const take = async (last: boolean): Promise<void> => {
    for (const row of parser.rows) {
      if (!headerSeen) {
        headerSeen = true;
        row.cells[0] = (row.cells[0] ?? '').replace(/^\uFEFF/, '');
        handlers.onHeader(row.cells, delimiter);
        continue;
      }
      rowCount += 1;
      pending.push(row);
    }
    parser.rows.length = 0;
    if (pending.length >= ROWS_PER_CALL || (last && pending.length > 0)) {
      const rows = pending;
      pending = [];
      await handlers.onRows(rows);
    }
  };

  parser.push(start.text);
  await take(false);
  if (!start.done) {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      parser.push(next.value);
      await take(false);
    }
  }
  parser.end();
  await take(true);
  return { rows: rowCount, lines: parser.line - 1 };
}

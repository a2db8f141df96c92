import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ExtractFileError } from './extract-file-error';
import { MAX_LINE_CHARS, MAX_RAW_CHARS, rawLine, readCsv, type CsvRow } from './read-csv';

/**
 * The CSV reader on text given in chunks cut anywhere: cells and line numbers as RFC 4180 reads them (checked
 * against papaparse on random files), every line end, the limit on a line's size, and time linear in the size.
 */

interface Read {
  header: string[];
  rows: CsvRow[];
  result: { rows: number; lines: number };
}

/** Reads `text` handed over in chunks of `chunk` characters (the whole text at once by default). */
async function read(text: string, chunk = text.length || 1): Promise<Read> {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += chunk) pieces.push(text.slice(i, i + chunk));
  let header: string[] = [];
  const rows: CsvRow[] = [];
  const result = await readCsv(Readable.from(pieces, { objectMode: true }), 'test.csv', {
    onHeader: (cells) => {
      header = cells;
    },
    onRows: async (batch) => {
      rows.push(...batch);
    },
  });
  return { header, rows, result };
}

async function refusal(text: string, chunk?: number): Promise<string> {
  const error = await read(text, chunk).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ExtractFileError);
  return (error as Error).message;
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('readCsv — cells and lines', () => {
  it('reads the same cells as papaparse on random well-formed files, whatever the chunks', async () => {
    const next = random(16);
    const alphabet = ['a', 'é', ' ', '1', ';', ',', '"', '\n', '\r\n', 'x'];
    for (let file = 0; file < 60; file += 1) {
      const delimiter = next() < 0.5 ? ';' : ',';
      const eol = next() < 0.5 ? '\n' : '\r\n';
      const columns = 2 + Math.floor(next() * 4);
      const lines: string[][] = [Array.from({ length: columns }, (_, i) => `c${i}`)];
      for (let row = 0; row < 1 + Math.floor(next() * 30); row += 1) {
        lines.push(
          Array.from({ length: columns }, () => {
            const cell = Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
            const quote = /[";,\r\n]/.test(cell) || next() < 0.2;
            return quote ? `"${cell.replace(/"/g, '""')}"` : cell;
          }),
        );
      }
      const text = lines.map((cells) => cells.join(delimiter) + eol).join('');
      const expected = Papa.parse<string[]>(text, { delimiter, newline: eol, skipEmptyLines: false }).data.filter((cells) => !(cells.length === 1 && cells[0] === ''));
      for (const chunk of [1, 2, 7, 64, text.length]) {
        const { header, rows } = await read(text, chunk);
        expect([header, ...rows.map((row) => row.cells)], `fichier ${file}, morceaux de ${chunk}`).toEqual(expected);
        expect(rows.every((row) => row.problem === null)).toBe(true);
      }
    }
  });

  it('numbers each row by the line it starts on, across quoted line breaks, CRLF and blank lines', async () => {
    const text = 'a;b\r\n1;"x\r\ny"\r\n\r\n2;"p\r\nq\r\nr"\r\n3;z\r\n';
    for (const chunk of [1, 3, text.length]) {
      const { rows, result } = await read(text, chunk);
      expect(rows.map((row) => [row.line, row.cells])).toEqual([
        [2, ['1', 'x\r\ny']],
        [5, ['2', 'p\r\nq\r\nr']],
        [8, ['3', 'z']],
      ]);
      expect(result).toEqual({ rows: 3, lines: 8 });
    }
  });

  it('reads lines ended by CR alone when the header is', async () => {
    const { header, rows } = await read('a;b\r1;"x\ry"\r2;z\r');
    expect(header).toEqual(['a', 'b']);
    expect(rows.map((row) => [row.line, row.cells])).toEqual([
      [2, ['1', 'x\ry']],
      [4, ['2', 'z']],
    ]);
  });

  it('reads a last line without line break', async () => {
    const { rows } = await read('a;b\n1;2');
    expect(rows.map((row) => row.cells)).toEqual([['1', '2']]);
  });

  it('answers no row for a header alone', async () => {
    expect((await read('a;b\n')).result.rows).toBe(0);
    expect((await read('a;b')).result.rows).toBe(0);
    expect((await read('a;b\n\n\r\n')).result.rows).toBe(0);
  });
});

describe('readCsv — broken lines', () => {
  it('rejects a quote left open at the end, saying where it opened', async () => {
    const { rows } = await read('a;b\n1;2\n3;"x\ny\nz');
    expect(rows[1]).toMatchObject({ line: 3, problem: 'guillemet non fermé', detail: 'guillemet ouvert ligne 3, jamais refermé (3 lignes jusqu’à la fin du fichier)' });
    expect(rawLine(rows[1] as CsvRow)).toBe('3;"x\ny\nz"');
  });

  it('rejects text after a closing quote and reads the next line as usual', async () => {
    for (const chunk of [1, 100]) {
      const { rows } = await read('a;b\n"x"y;2\n"p"\r\n3;"q"\n', chunk);
      expect(rows.map((row) => [row.line, row.problem])).toEqual([
        [2, 'CSV invalide (guillemet mal placé)'],
        [3, null],
        [4, null],
      ]);
      expect(rows[1]?.cells).toEqual(['p']);
    }
  });

  it('rejects a line over the limit, keeps its start, and reads the lines after it', async () => {
    const long = `${'x'.repeat(MAX_LINE_CHARS)};${'y'.repeat(100)}`;
    for (const chunk of [65_536, 3 * MAX_LINE_CHARS]) {
      const { rows } = await read(`a;b\n1;2\n${long}\n3;4\n`, chunk);
      expect(rows.map((row) => [row.line, row.problem])).toEqual([
        [2, null],
        [3, 'ligne trop volumineuse'],
        [4, null],
      ]);
      const tooLarge = rows[1] as CsvRow;
      expect(tooLarge.cells).toEqual([]);
      expect(tooLarge.detail).toBe('1\u202f048\u202f677 caractères, au-delà de la limite de 1\u202f048\u202f576');
      expect(rawLine(tooLarge)).toHaveLength(MAX_RAW_CHARS);
      expect(rawLine(tooLarge).endsWith('x…')).toBe(true);
      expect(rows[2]?.cells).toEqual(['3', '4']);
    }
  });

  it('rejects a single line over the limit whose quoted cell closes after it', async () => {
    const { rows } = await read(`a;b\n1;"${'x'.repeat(MAX_LINE_CHARS)}""z";2\n3;4\n`, 100_000);
    expect(rows.map((row) => [row.line, row.problem])).toEqual([
      [2, 'ligne trop volumineuse'],
      [3, null],
    ]);
  });

  it('refuses the file when quotes run over several lines past the limit, naming both lines', async () => {
    const lines = Array.from({ length: 120_000 }, (_, i) => `${i};ligne ${i}`);
    lines[3] = '3;"ouvert';
    const message = await refusal(`a;b\n${lines.join('\n')}\n`, 65_536);
    expect(message).toMatch(/^test\.csv : fichier refusé : des guillemets ouverts ligne 5 courent jusqu’à la ligne [\d\u202f]+, au-delà de la limite de 1\u202f048\u202f576 caractères par ligne \(guillemets déséquilibrés \?\)$/);
  });

  it('refuses a first line without line break past the limit, and a header no delimiter splits', async () => {
    expect(await refusal('a'.repeat(MAX_LINE_CHARS + 10), 65_536)).toBe('test.csv : en-tête illisible, pas de fin de ligne dans les 1\u202f048\u202f576 premiers caractères');
    expect(await refusal('abc\n1\n')).toBe('test.csv : en-tête illisible, aucun séparateur « ; », « , » ni tabulation');
    expect(await refusal('\n\n')).toBe('test.csv : fichier vide');
  });
});

describe('readCsv — time linear in the size', () => {
  it('reads a 20 MB line, a million cells and a million blank lines in small chunks quickly', async () => {
    const cases = [`a;b\n${'x'.repeat(20 * 1024 * 1024)}\n1;2\n`, `a;b\n${';'.repeat(1_000_000)}\n1;2\n`, `a;b\n1;2\n${'\n'.repeat(1_000_000)}3;4\n`];
    for (const text of cases) {
      const started = performance.now();
      const { rows } = await read(text, 16 * 1024);
      expect(rows.at(-1)?.cells).toEqual(text.endsWith('3;4\n') ? ['3', '4'] : ['1', '2']);
      // Quadratic reading took 21 s for a 20 MB line in 16 KiB chunks; linear takes well under a second.
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

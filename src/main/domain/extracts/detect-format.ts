import { FORMAT_COLUMNS, FORMAT_LABELS, type ExtractFormat } from './formats';

/** Where each column of a format sits in the file (files may add columns or order them differently). */
export type ColumnIndex = ReadonlyMap<string, number>;

export type Detection =
  | { ok: true; format: ExtractFormat; index: ColumnIndex; ignoredColumns: string[] }
  | { ok: false; message: string };

/** Header cell as compared: BOM, surrounding quotes and spaces removed, lowercase. */
export function normaliseHeaderCell(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
}

/** Formats tried from the most specific: the operator export is the territory export minus one column. */
const DETECTION_ORDER: readonly ExtractFormat[] = ['dump', 'territory', 'operator', 'opendata2022', 'opendata'];

/**
 * Recognises a format from the header alone (never from the file name): the file must carry every column of the
 * format, in any order; extra columns are ignored and reported. When no format fits, the message names the
 * closest format and its missing columns.
 */
export function detectFormat(header: readonly string[]): Detection {
  const cells = header.map(normaliseHeaderCell);
  const positions = new Map<string, number>();
  cells.forEach((cell, i) => {
    if (!positions.has(cell)) positions.set(cell, i);
  });
  let closest: { format: ExtractFormat; missing: string[] } | null = null;
  for (const format of DETECTION_ORDER) {
    const columns = FORMAT_COLUMNS[format];
    const missing = columns.filter((column) => !positions.has(column));
    if (missing.length === 0) {
      const known = new Set(columns);
      return { ok: true, format, index: positions, ignoredColumns: cells.filter((cell) => cell !== '' && !known.has(cell)) };
    }
    if (!closest || missing.length < closest.missing.length) closest = { format, missing };
  }
  if (cells.length <= 1) {
    return { ok: false, message: 'en-tête illisible : une seule colonne trouvée (séparateur attendu « ; » ou « , »)' };
  }
  const best = closest as { format: ExtractFormat; missing: string[] };
  if (best.missing.length >= FORMAT_COLUMNS[best.format].length / 2) {
    return { ok: false, message: `en-tête non reconnu : ce n’est pas un extrait du registre (${cells.length} colonnes, dont « ${cells.slice(0, 3).join(' », « ')} »)` };
  }
  const shown = best.missing.slice(0, 8).join(', ') + (best.missing.length > 8 ? ` et ${best.missing.length - 8} autres` : '');
  return { ok: false, message: `en-tête incomplet pour un ${FORMAT_LABELS[best.format]} : colonnes manquantes ${shown}` };
}

/**
 * Picks the delimiter from the header line: the one among `;`, `,` and tab that splits it into most cells
 * (outside quotes). Returns null when none splits it.
 */
export function detectDelimiter(headerLine: string): ';' | ',' | '\t' | null {
  let best: ';' | ',' | '\t' | null = null;
  let bestCount = 0;
  for (const delimiter of [';', ',', '\t'] as const) {
    let count = 0;
    let quoted = false;
    for (const char of headerLine) {
      if (char === '"') quoted = !quoted;
      else if (char === delimiter && !quoted) count += 1;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

import type { DeclarationField } from '../../../shared/types/declarations';

/**
 * The declared-trip file (docs/declarations.md, « Format »): `;`-separated CSV, UTF-8 with a byte-order mark, one
 * journey per line under a header line naming the columns in French. Columns may come in any order; lines whose first
 * cell starts with `#` are comments (the template's example), empty lines are skipped.
 */

/** A column of the file: its key in the code, its header as the template writes it, and whether a file must have it. */
export interface DeclarationColumn {
  key: DeclarationField;
  header: string;
  required: boolean;
  /** Other header spellings accepted (compared as `headerKey` makes them). */
  aliases: readonly string[];
}

/** Every column, in the template's order. Optional columns may be missing from a file, or empty on a line. */
export const DECLARATION_COLUMNS: readonly DeclarationColumn[] = [
  { key: 'date', header: 'date', required: true, aliases: ['date_du_trajet', 'jour'] },
  { key: 'time', header: 'heure de départ', required: true, aliases: ['heure'] },
  { key: 'from', header: 'commune de départ (INSEE)', required: true, aliases: ['depart', 'code_insee_depart'] },
  { key: 'to', header: 'commune d’arrivée (INSEE)', required: true, aliases: ['arrivee', 'code_insee_arrivee'] },
  { key: 'role', header: 'rôle (conducteur|passager)', required: true, aliases: [] },
  { key: 'seats', header: 'places', required: true, aliases: ['nombre_de_places'] },
  { key: 'distance', header: 'distance km', required: false, aliases: ['distance'] },
  { key: 'declarant', header: 'identifiant du déclarant', required: true, aliases: ['declarant'] },
  { key: 'carpooler', header: 'identifiant du covoitureur', required: false, aliases: ['covoitureur'] },
  { key: 'comment', header: 'commentaire', required: false, aliases: [] },
];

/** The header of each field, as reports name the field of a problem. */
export const FIELD_HEADERS: Readonly<Record<DeclarationField, string>> = Object.fromEntries(
  DECLARATION_COLUMNS.map((column) => [column.key, column.header]),
) as Record<DeclarationField, string>;

/**
 * A header as written by hand, for comparison: what is in parentheses dropped (`rôle (conducteur|passager)` is
 * `role`), accents and case ignored, anything else than letters and digits as one `_`.
 */
export function headerKey(header: string): string {
  return header
    .replace(/\(.*?\)/g, ' ')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Where each field is in a file's header line (cell index), or the French reason the header does not fit: a required
 * column missing, or a column given twice. Unknown columns are ignored (a file may carry its own notes).
 */
export function mapHeader(cells: readonly string[]): { columns: Partial<Record<DeclarationField, number>> } | { problem: string } {
  const keys = cells.map((cell) => headerKey(cell.replace(/^\uFEFF/, '')));
  const columns: Partial<Record<DeclarationField, number>> = {};
  for (const column of DECLARATION_COLUMNS) {
    const names = new Set([headerKey(column.header), ...column.aliases]);
    const found = keys.flatMap((key, index) => (names.has(key) ? [index] : []));
    if (found.length > 1) return { problem: `La colonne « ${column.header} » figure ${found.length} fois dans la ligne d’en-tête.` };
    if (found[0] !== undefined) columns[column.key] = found[0];
  }
  const missing = DECLARATION_COLUMNS.filter((column) => column.required && columns[column.key] === undefined).map((column) => `« ${column.header} »`);
  if (missing.length > 0) {
    return { problem: `Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} de la ligne d’en-tête : ${missing.join(', ')} (modèle : atelier declare template).` };
  }
  return { columns };
}

/** The example journey of the template, commented out: importing the template unchanged declares nothing. */
const EXAMPLE = ['14/10/2026', '07:45', '44109', '44162', 'conducteur', '2', '12,5', 'agent-0042', '', 'domicile-travail, retour à 17 h 30'];

/**
 * The template file's text (without the byte-order mark, which the writer adds): the header line, then two comment
 * lines, one explaining the columns and one example journey. CRLF line ends, as spreadsheets write them.
 */
export function declarationTemplate(): string {
  const explanation =
    '# Une ligne par trajet. date : JJ/MM/AAAA ; heure de départ : HH:MM (heure de Paris) ; communes : code INSEE ; rôle : conducteur ou passager ; ' +
    'places : 1 à 8 ; distance km facultative (estimée sinon) ; identifiant du covoitureur facultatif (clé d’identité ou u:opérateur:identifiant). ' +
    'Les lignes commençant par # sont ignorées.';
  const lines = [DECLARATION_COLUMNS.map((column) => column.header).join(';'), explanation.replace(/;/g, ','), `# ${EXAMPLE.map((cell) => (cell.includes(';') ? `"${cell}"` : cell)).join(';')}`];
  return `${lines.join('\r\n')}\r\n`;
}

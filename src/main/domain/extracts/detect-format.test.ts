import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectFormat, normaliseHeaderCell, type Detection } from './detect-format';
import {
  DUMP_COLUMNS,
  FORMAT_COLUMNS,
  FORMAT_DELIMITERS,
  OPENDATA_2022_COLUMNS,
  OPENDATA_COLUMNS,
  OPERATOR_COLUMNS,
  TERRITORY_COLUMNS,
  type ExtractFormat,
} from './formats';

function detected(detection: Detection): Extract<Detection, { ok: true }> {
  if (!detection.ok) throw new Error(`format attendu, reçu : ${detection.message}`);
  return detection;
}

function refused(detection: Detection): string {
  if (detection.ok) throw new Error(`refus attendu, reçu le format ${detection.format}`);
  return detection.message;
}

/** Header lines as the registry writes them (csv-stringify quotes the territory header; psql and 2022 open data do not). */
function headerLine(format: ExtractFormat): string {
  const delimiter = FORMAT_DELIMITERS[format];
  const quoted = format === 'territory' || format === 'operator' || format === 'opendata';
  return FORMAT_COLUMNS[format].map((column) => (quoted ? `"${column}"` : column)).join(delimiter);
}

describe('the format lists', () => {
  it('have the column counts of the registry’s exports', () => {
    expect(TERRITORY_COLUMNS).toHaveLength(65);
    expect(OPERATOR_COLUMNS).toHaveLength(64);
    expect(OPERATOR_COLUMNS).not.toContain('operator');
    expect(DUMP_COLUMNS).toHaveLength(66);
    expect(OPENDATA_COLUMNS).toHaveLength(27);
    expect(OPENDATA_2022_COLUMNS).toHaveLength(29);
    for (const columns of Object.values(FORMAT_COLUMNS)) expect(new Set(columns).size).toBe(columns.length);
  });

  const samples = join(__dirname, '../../../../../shared/data/opendata');
  const present = existsSync(join(samples, '2022-01-head-5000.csv')) && existsSync(join(samples, '2023-01-head-5.csv'));

  it.skipIf(!present)(`match the headers of the real open-data files (skipped when ${samples} is missing)`, () => {
    const header = (file: string): string[] => (readFileSync(join(samples, file), 'utf8').split('\n', 1)[0] ?? '').split(';');
    expect(header('2022-01-head-5000.csv')).toEqual([...OPENDATA_2022_COLUMNS]);
    expect(header('2023-01-head-5.csv')).toEqual([...OPENDATA_COLUMNS]);
  });
});

describe('detectFormat', () => {
  it.each([
    ['territory', 'territory'],
    ['operator', 'operator'],
    ['dump', 'dump'],
    ['opendata', 'opendata'],
    ['opendata2022', 'opendata2022'],
  ] as const)('recognises the %s header', (format, expected) => {
    const detection = detected(detectFormat(FORMAT_COLUMNS[format]));
    expect(detection.format).toBe(expected);
    expect(detection.ignoredColumns).toEqual([]);
    expect(detection.index.get('journey_id')).toBe(0);
    for (const [i, column] of FORMAT_COLUMNS[format].entries()) expect(detection.index.get(column)).toBe(i);
  });

  it('tells the territory export from the operator export by the operator column alone', () => {
    expect(detected(detectFormat(TERRITORY_COLUMNS)).format).toBe('territory');
    expect(detected(detectFormat(TERRITORY_COLUMNS.filter((c) => c !== 'operator'))).format).toBe('operator');
  });

  it('reads quoted cells, a BOM, spaces and any case', () => {
    const cells = TERRITORY_COLUMNS.map((column) => `"${column}"`);
    cells[0] = `\uFEFF${cells[0]}`;
    cells[1] = ` "${TERRITORY_COLUMNS[1].toUpperCase()}" `;
    const detection = detected(detectFormat(cells));
    expect(detection.format).toBe('territory');
    expect(detection.index.get('journey_id')).toBe(0);
    expect(detection.index.get('operator_trip_id')).toBe(1);
    expect(normaliseHeaderCell('\uFEFF"Journey_ID"')).toBe('journey_id');
  });

  it('accepts columns in another order and finds each one', () => {
    const shuffled = [...OPENDATA_COLUMNS].reverse();
    const detection = detected(detectFormat(shuffled));
    expect(detection.format).toBe('opendata');
    expect(detection.index.get('journey_id')).toBe(26);
    expect(detection.index.get('has_incentive')).toBe(0);
  });

  it('accepts extra columns and reports them, ignoring empty header cells', () => {
    const detection = detected(detectFormat([...TERRITORY_COLUMNS.slice(0, 10), 'commentaire', ...TERRITORY_COLUMNS.slice(10), 'Zone', '']));
    expect(detection.format).toBe('territory');
    expect(detection.ignoredColumns).toEqual(['commentaire', 'zone']);
    expect(detection.index.get('duration')).toBe(12);
  });

  it('names the missing columns of the closest format', () => {
    const message = refused(detectFormat(TERRITORY_COLUMNS.filter((c) => c !== 'distance' && c !== 'start_insee')));
    expect(message).toBe('en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes distance, start_insee');
  });

  it('names the closest open-data format when an open-data column is missing', () => {
    const message = refused(detectFormat(OPENDATA_COLUMNS.filter((c) => c !== 'journey_distance')));
    expect(message).toBe('en-tête incomplet pour un données ouvertes 2023+ (27 colonnes) : colonnes manquantes journey_distance');
  });

  it('shortens a long list of missing columns', () => {
    const message = refused(detectFormat(TERRITORY_COLUMNS.slice(0, 50)));
    expect(message).toBe(
      'en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes incentive_rpc_0_campaign_id, ' +
        'incentive_rpc_0_campaign_name, incentive_rpc_0_siret, incentive_rpc_0_name, incentive_rpc_0_amount, ' +
        'incentive_rpc_1_campaign_id, incentive_rpc_1_campaign_name, incentive_rpc_1_siret et 7 autres',
    );
  });

  it('refuses a file that is not a registry extract', () => {
    const message = refused(detectFormat(['nom', 'prénom', 'ville', 'code postal']));
    expect(message).toBe('en-tête non reconnu : ce n’est pas un extrait du registre (4 colonnes, dont « nom », « prénom », « ville »)');
  });

  it('refuses a header read as one column, naming the expected delimiters', () => {
    expect(refused(detectFormat([TERRITORY_COLUMNS.join('|')]))).toBe(
      'en-tête illisible : une seule colonne trouvée (séparateur attendu « ; » ou « , »)',
    );
    expect(refused(detectFormat(['journey_id']))).toContain('une seule colonne');
  });
});

describe('detectDelimiter', () => {
  it.each(['territory', 'operator', 'dump', 'opendata', 'opendata2022'] as const)('finds the delimiter of the %s header', (format) => {
    expect(detectDelimiter(headerLine(format))).toBe(FORMAT_DELIMITERS[format]);
  });

  it('finds a tab, and a comma in a header re-saved with commas', () => {
    expect(detectDelimiter(TERRITORY_COLUMNS.join('\t'))).toBe('\t');
    expect(detectDelimiter(TERRITORY_COLUMNS.join(','))).toBe(',');
  });

  it('does not count delimiters inside quotes', () => {
    expect(detectDelimiter('"a,b,c,d";"e";"f"')).toBe(';');
    expect(detectDelimiter('"a;b;c;d",e,f')).toBe(',');
  });

  it('answers null when nothing splits the line', () => {
    expect(detectDelimiter('journey_id')).toBeNull();
    expect(detectDelimiter(TERRITORY_COLUMNS.join('|'))).toBeNull();
    expect(detectDelimiter('')).toBeNull();
  });
});

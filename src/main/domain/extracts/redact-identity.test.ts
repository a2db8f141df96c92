import { describe, expect, it } from 'vitest';
import { FORMAT_COLUMNS, OPENDATA_COLUMNS, TERRITORY_COLUMNS } from './formats';
import {
  formatsOf, IDENTITY_COLUMNS, isIdentityColumn, joinCsvLine, REDACTED, redactIdentityCells, redactIdentityText, redactRawLine, splitCsvLine,
} from './redact-identity';

const PASSENGER_KEY = 'a3f1c9e0b7d24f6a8e5c1b3d9f7a2e4c6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a';
const DRIVER_KEY = '5D3B1F0E8C6A4D2F9B7E5C3A1D8F6B4E2C0A9E7D5B3F1C8A6E4D2B0F9C7A5E3B';

/** A territory line (docs/extract-formats.md §1.3) whose identity cells name themselves. */
function territoryCells(overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    journey_id: '48261934', operator_journey_id: 'c4e6a8b0-1d3f-4b57-8e9a-0c2e4a6b8d0f', operator_class: 'C', status: 'ok',
    start_datetime: '2024-04-16 08:10:00', start_date: '2024-04-16', start_time: '08:10:00', duration: '00:13:56', distance: '17.05',
    start_insee: '95051', start_commune: 'Beauchamp', operator: 'BlaBlaCar Daily',
    operator_passenger_id: 'passager-8812', passenger_identity_key: PASSENGER_KEY, operator_driver_id: 'conducteur-1204', driver_identity_key: DRIVER_KEY,
    incentive_0_siret: '28750007800020', incentive_0_name: 'ILE-DE-FRANCE MOBILITES', incentive_0_amount: '1.7',
    ...overrides,
  };
  return TERRITORY_COLUMNS.map((column) => values[column] ?? '');
}

const IDENTITIES = ['passager-8812', PASSENGER_KEY, 'conducteur-1204', DRIVER_KEY];

describe('identity columns', () => {
  it('are the user ids and identity keys of the registry formats, and the acquisition payload’s identity fields', () => {
    const found = Object.values(FORMAT_COLUMNS).flat().filter(isIdentityColumn);
    expect(new Set(found)).toEqual(IDENTITY_COLUMNS);
    expect(OPENDATA_COLUMNS.filter(isIdentityColumn)).toEqual([]);
    for (const name of ['identity_key', 'operator_user_id', 'phone', 'phone_trunc', 'travel_pass_user_id', 'licence_plate', '"Driver_Name"', '\uFEFFemail']) {
      expect(isIdentityColumn(name), name).toBe(true);
    }
    for (const name of ['incentive_0_name', 'incentive_rpc_0_campaign_name', 'operator', 'start_commune', 'trip_id']) expect(isIdentityColumn(name), name).toBe(false);
  });
});

describe('redactIdentityCells', () => {
  it('replaces the identity cells of a well-formed line and keeps every other cell', () => {
    const cells = territoryCells();
    const redacted = redactIdentityCells(TERRITORY_COLUMNS, cells);
    TERRITORY_COLUMNS.forEach((column, i) => {
      expect(redacted[i], column).toBe(IDENTITY_COLUMNS.has(column) ? REDACTED : cells[i]);
    });
    expect(redacted.join(';')).not.toMatch(/passager|conducteur|[0-9a-f]{64}/i);
  });

  it('reads the header as the importer does (quotes, case, BOM, any order)', () => {
    const header = ['\uFEFF"Journey_ID"', ' "OPERATOR_DRIVER_ID" ', 'start_commune'];
    expect(redactIdentityCells(header, ['1', 'conducteur-1204', 'Cergy'])).toEqual(['1', REDACTED, 'Cergy']);
  });

  it('keeps empty identity cells empty, and is idempotent', () => {
    const cells = territoryCells({ operator_driver_id: '', driver_identity_key: '  ' });
    const once = redactIdentityCells(TERRITORY_COLUMNS, cells);
    expect(once[TERRITORY_COLUMNS.indexOf('operator_driver_id')]).toBe('');
    expect(once[TERRITORY_COLUMNS.indexOf('driver_identity_key')]).toBe('  ');
    expect(redactIdentityCells(TERRITORY_COLUMNS, once)).toEqual(once);
  });

  it('masks identity keys and phone numbers in columns it does not know', () => {
    const header = ['journey_id', 'commentaire', 'trip_id'];
    const cells = ['1', `clé ${PASSENGER_KEY}, tél. +33612345678 ou 06 12 34 56 78`, PASSENGER_KEY];
    expect(redactIdentityCells(header, cells)).toEqual(['1', `clé ${REDACTED}, tél. ${REDACTED} ou ${REDACTED}`, PASSENGER_KEY]);
  });

  it('replaces every cell an identity may have shifted to when the line has too many or too few cells', () => {
    const cells = territoryCells();
    const at = TERRITORY_COLUMNS.indexOf('operator_passenger_id');
    // Two cells too many before the identities (an unquoted delimiter in a name): each moved two places on.
    const longer = [...cells.slice(0, 10), 'x', 'y', ...cells.slice(10)];
    const redactedLonger = redactIdentityCells(TERRITORY_COLUMNS, longer);
    expect(redactedLonger.join(';')).not.toMatch(/passager|conducteur|[0-9a-f]{64}/i);
    expect(redactedLonger[at + 2]).toBe(REDACTED);
    expect(redactedLonger[0]).toBe('48261934');
    // Cells missing before the identities: each moved back.
    const shorter = [...cells.slice(0, 5), ...cells.slice(8)];
    expect(redactIdentityCells(TERRITORY_COLUMNS, shorter).join(';')).not.toMatch(/passager|conducteur|[0-9a-f]{64}/i);
    // A line cut short right after an identity.
    const cut = cells.slice(0, at + 1);
    expect(redactIdentityCells(TERRITORY_COLUMNS, cut).at(-1)).toBe(REDACTED);
  });
});

describe('redactIdentityText', () => {
  it('leaves dates, times, amounts, SIRET and INSEE codes alone', () => {
    for (const text of ['2024-04-16 08:10:00', '00:13:56', '17.05', '28750007800020', '95051', '2024-04-16T08:10:00+0200', '48261934']) {
      expect(redactIdentityText(text), text).toBe(text);
    }
    expect(redactIdentityText(`« ${DRIVER_KEY} »`)).toBe(`« ${REDACTED} »`);
  });
});

describe('CSV lines', () => {
  it('split and join as the importer writes them', () => {
    const cells = ['a', 'b;c', 'd"e', '', 'f\ng'];
    const line = joinCsvLine(cells, ';');
    expect(line).toBe('a;"b;c";"d""e";;"f\ng"');
    expect(splitCsvLine(line, ';')).toEqual(cells);
    expect(splitCsvLine('"a";b,c', ',')).toEqual(['a;b', 'c']);
  });
});

describe('redactRawLine', () => {
  it('redacts a stored territory or dump line by its format’s published columns', () => {
    const line = joinCsvLine(territoryCells({ start_commune: 'Saint-Ouen; quai' }), ';');
    const redacted = redactRawLine(line, ['territory']);
    for (const identity of IDENTITIES) expect(redacted).not.toContain(identity);
    expect(redacted).toContain('"Saint-Ouen; quai"');
    expect(redacted).toContain('BlaBlaCar Daily');
    expect(splitCsvLine(redacted, ';')).toHaveLength(TERRITORY_COLUMNS.length);

    const dump = FORMAT_COLUMNS.dump.map((column) => (column === 'operator_driver_id' ? 'conducteur-1204' : column === 'journey_id' ? '7' : ''));
    expect(redactRawLine(joinCsvLine(dump, ','), ['dump'])).toBe(joinCsvLine(dump.map((cell) => (cell === 'conducteur-1204' ? REDACTED : cell)), ','));
  });

  it('uses the format whose column count the line has in a zip of several, every one otherwise', () => {
    const operatorLine = FORMAT_COLUMNS.operator.map((column) => (column === 'operator_passenger_id' ? 'passager-8812' : 'v'));
    const redacted = splitCsvLine(redactRawLine(joinCsvLine(operatorLine, ';'), formatsOf('territory+operator')), ';');
    expect(redacted.filter((cell) => cell === REDACTED)).toHaveLength(4);
    expect(redacted).not.toContain('passager-8812');
    const odd = [...territoryCells(), 'extra'];
    expect(redactRawLine(joinCsvLine(odd, ';'), formatsOf('territory+operator'))).not.toMatch(/passager|conducteur/);
  });

  it('masks identity keys and phone numbers when no format is known', () => {
    expect(formatsOf('à détecter')).toEqual([]);
    expect(redactRawLine(`1;${PASSENGER_KEY};+33612345678;Cergy`, [])).toBe(`1;${REDACTED};${REDACTED};Cergy`);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclarationReportRow } from '../../shared/types/declarations';
import {
  declarationFile, declaredLine, importDeclarations, importRegistry, REGISTRY_DRIVER, writeIn, type DeclaredLine,
} from '../testing/declaration-fixtures';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * The declaration module on a real store (docs/declarations.md): a registry extract imported through the worker
 * (one journey, Beauchamp → Cergy on 16 April 2024 at 08:10, whose driver the declarations name), its statistics built
 * (the communes' points of the map aggregates), then files of declared journeys imported as jobs and journeys typed
 * in the form. Every row is accounted for with its reasons; a second import of the same file adds nothing.
 */

const NOW = new Date('2026-12-07T10:00:00Z');
let store: TempStore;
let services: AppServices;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  await importRegistry(services, store.dir, [{}]);
  // The map aggregates keep each commune's point (median of its journeys' ends): the distance rules read them.
  const refresh = await services.stats.refresh();
  expect((await services.runner.wait(refresh as string))?.status).toBe('done');
});

afterAll(async () => {
  await store.cleanup();
});

/** Lines of the mixed file, with what each must become (`accepted`, `duplicate`, or the reason codes of its rejection). */
const MIXED: ReadonlyArray<readonly [DeclaredLine, string]> = [
  [declaredLine(), 'accepted'],
  [declaredLine({ from: '00000' }), 'unknown_commune'],
  [declaredLine({ date: '01/01/2099' }), 'date_in_future'],
  [declaredLine({ date: '31/12/2018' }), 'date_before_2019'],
  // Leaves Cergy five minutes after leaving Beauchamp for it (12.5 km take at least 6 minutes).
  [declaredLine({ time: '18:05', from: '95127', to: '95051' }), 'same_person_elsewhere'],
  [declaredLine(), 'duplicate'],
  // The registry's journey of the same driver, declared again 10 minutes off.
  [declaredLine({ time: '08:20', declarant: 'agent-2', carpooler: REGISTRY_DRIVER, distance: '17' }), 'registry_duplicate'],
  // During the registry's journey (08:10–08:30), the same driver elsewhere.
  [declaredLine({ time: '08:12', from: '95127', to: '95051', declarant: 'agent-3', carpooler: REGISTRY_DRIVER }), 'same_person_elsewhere'],
  [declaredLine({ to: '13055', distance: '5', declarant: 'agent-4' }), 'distance_too_short'],
  [declaredLine({ distance: '900', declarant: 'agent-5' }), 'distance_too_long'],
  [declaredLine({ date: '32/13/2024', time: '25:00', role: 'pilote', seats: '0', declarant: '' }), 'invalid_date,invalid_time,invalid_role,invalid_seats,missing'],
  [declaredLine({ carpooler: 'u:Inconnu:123', declarant: 'agent-6' }), 'unknown_operator'],
  // No distance: estimated from the communes' points.
  [declaredLine({ distance: '', declarant: 'agent-7', role: 'passager' }), 'accepted'],
];

/** The reason codes of each line of a report, by line. */
function reasonsByLine(rows: readonly DeclarationReportRow[]): Map<number, string> {
  const byLine = new Map<number, string[]>();
  for (const row of rows) byLine.set(row.line ?? 0, [...(byLine.get(row.line ?? 0) ?? []), row.reasonCode]);
  return new Map([...byLine].map(([line, codes]) => [line, codes.join(',')]));
}

describe('importing a file of declared journeys', () => {
  let file: string;
  let firstBatch: number;

  it('accounts for every row, with its line, field and reason, and writes the accepted ones apart from the registry', async () => {
    // A comment and an empty line in the middle are skipped: file lines are 1 (header), 2, 3, then 6… for the journeys.
    const text = declarationFile(MIXED.map(([line]) => line)).replace('\r\n', '\r\n# une note\r\n\r\n');
    file = writeIn(store.dir, 'declarations.csv', text);
    const summary = await importDeclarations(services, file);
    expect(summary).toMatchObject({ fileName: 'declarations.csv', rows: 13, accepted: 2, duplicates: 1, rejected: 10 });
    firstBatch = summary.batchId;
    const report = await services.declarations.report(summary.batchId, 0, 100);
    const expected = new Map(MIXED.flatMap(([, outcome], index) => (outcome === 'accepted' ? [] : [[index + 4, outcome === 'duplicate' ? 'duplicate_declared' : outcome] as const])));
    expect(reasonsByLine(report.rows)).toEqual(expected);
    const invalid = report.rows.filter((row) => row.line === 14);
    expect(invalid.map((row) => row.field)).toEqual(['date', 'time', 'role', 'seats', 'declarant']);
    expect(invalid[0]?.reason).toBe('date illisible « 32/13/2024 » (attendu JJ/MM/AAAA)');
    expect(report.rows.find((row) => row.line === 9)).toMatchObject({ outcome: 'duplicate', field: null, reason: 'même trajet que la ligne 4 : compté une fois' });
    expect(report.rows.find((row) => row.line === 10)?.reason).toMatch(/^trajet déjà prouvé par le registre pour ce covoitureur : le trajet j:48000001 du registre \(16\/04\/2024, départ à 8 h 10\)$/);
    // The operator's user id is never kept in clear, even in a rejected line.
    expect(report.rows.find((row) => row.line === 15)?.raw).not.toContain(':123;');

    const trips = await services.declarations.trips(undefined, 0, 10);
    expect(trips.rows.map((trip) => [trip.line, trip.declarantId, trip.distanceEstimated, trip.startName, trip.endName])).toEqual([
      [4, 'agent-1', false, 'Beauchamp', 'Cergy'],
      [16, 'agent-7', true, 'Beauchamp', 'Cergy'],
    ].sort((a, b) => (b[0] as number) - (a[0] as number)));
    expect(trips.rows.find((trip) => trip.line === 16)?.distanceM).toBeGreaterThan(5_000);
    expect(await store.count('trips')).toBe(1);
    expect(await store.count('audit_log', { action: 'declarations.import', entity_id: String(summary.batchId) })).toBe(1);
  });

  it('adds nothing when the same file is imported again: its journeys are duplicates, not errors', async () => {
    const before = await store.sql()('declared_trips').orderBy('id').select();
    const summary = await importDeclarations(services, file);
    expect(summary).toMatchObject({ rows: 13, accepted: 0, duplicates: 3, rejected: 10 });
    expect(summary.batchId).not.toBe(firstBatch);
    expect(await store.sql()('declared_trips').orderBy('id').select()).toEqual(before);
    const report = await services.declarations.report(summary.batchId, 0, 100);
    expect(report.rows.filter((row) => row.outcome === 'duplicate').map((row) => row.line)).toEqual([4, 9, 16]);
  });

  it('exports the rows not accepted as a CSV for Excel', async () => {
    const { path, rows } = await services.declarations.exportReport(firstBatch);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFFlot;ligne;issue;champ;code;motif;ligne lue\r\n')).toBe(true);
    expect(text.split('\r\n').filter((line) => line !== '')).toHaveLength(rows + 1);
    expect(text).toContain(`${firstBatch};14;rejetée;date;invalid_date;date illisible « 32/13/2024 » (attendu JJ/MM/AAAA);`);
  });
});

describe('declaring one journey in the form', () => {
  it('records an accepted journey with its audit entry, and answers the problems of the others without writing', async () => {
    const entry = { date: '2024-04-17', time: '07:30', from: '95051', to: '95127', role: 'driver', seats: 2, distanceKm: 11, declarant: 'agent-9' } as const;
    const accepted = await services.declarations.add(entry);
    expect(accepted).toMatchObject({ outcome: 'accepted', problems: [], trip: { line: null, declarantId: 'agent-9', seats: 2, distanceM: 11_000, startLocal: '2024-04-17 07:30:00' } });
    expect(await store.count('audit_log', { action: 'declarations.entry' })).toBe(1);
    const count = await store.count('declared_trips');
    expect(await services.declarations.add(entry)).toMatchObject({ outcome: 'duplicate', trip: null });
    expect(await services.declarations.add({ ...entry, time: '07:31', from: '95127', to: '95051' })).toMatchObject({
      outcome: 'rejected', problems: [{ field: 'time', reasonCode: 'same_person_elsewhere' }],
    });
    expect(await services.declarations.add({ ...entry, from: 'Cergy', time: '09:00' })).toMatchObject({ outcome: 'rejected', problems: [{ field: 'from', reasonCode: 'unknown_commune' }] });
    expect(await store.count('declared_trips')).toBe(count);
    expect(await store.count('audit_log', { action: 'declarations.entry' })).toBe(1);
  });
});

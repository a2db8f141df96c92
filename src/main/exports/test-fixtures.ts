import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIP_COLUMNS, type TripRow } from '../domain/trips/trip-row';
import type { ApdfTrip } from './apdf-trips-sheet';
import type { ApdfWorkbookInput } from './apdf-workbook';
import type { TripExportRow } from './trip-list-columns';

/** A fresh temporary folder for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atelier-'));
}

/** Rows as an async iterable, as a database cursor would hand them. */
export async function* rowsOf<T>(rows: readonly T[]): AsyncGenerator<T> {
  yield* rows;
}

/** Yields `rows`, then fails (or aborts `controller`) once `after` of them have been handed out. */
export async function* interrupted<T>(rows: AsyncIterable<T>, after: number, stop: AbortController | Error): AsyncGenerator<T> {
  let count = 0;
  for await (const row of rows) {
    if (count === after) {
      if (stop instanceof Error) throw stop;
      stop.abort(new Error('Export annulé'));
    }
    count += 1;
    yield row;
  }
}

/** A trip-list row with every field unknown except the required ones, then `overrides`. */
export function tripExportRow(overrides: Partial<TripExportRow> = {}): TripExportRow {
  const unknown = Object.fromEntries(TRIP_COLUMNS.map((column) => [column, null])) as unknown as TripRow;
  return {
    ...unknown,
    natural_key: 'j:1',
    start_at: '2024-03-01T07:12:44Z',
    start_local: '2024-03-01 08:12:44',
    operator_name: null,
    ...overrides,
  };
}

/** An APDF journey (1 € normal-period incentive on 12 km unless overridden). */
export function apdfTrip(overrides: Partial<ApdfTrip> = {}): ApdfTrip {
  return {
    journeyId: 'a1b2c3d4-0000-4000-8000-000000000001',
    operatorJourneyId: 'op-journey-1',
    operatorTripId: 'op-trip-1',
    startAt: '2024-03-01T07:12:44Z',
    endAt: '2024-03-01T07:30:14Z',
    startLocation: 'Nantes',
    startEpci: 'Nantes Métropole',
    startInsee: '44109',
    endLocation: 'Saint-Herblain',
    endEpci: 'Nantes Métropole',
    endInsee: '44162',
    durationS: 1050,
    distanceM: 12_000,
    operatorName: 'Klaxit',
    operatorClass: 'C',
    driverOperatorUserId: 'driver-1',
    passengerOperatorUserId: 'passenger-1',
    incentiveCents: 100,
    incentiveType: 'normale',
    ...overrides,
  };
}

/** Strings a spreadsheet would run as formulas if they were not neutralised. */
export const INJECTIONS = ["=cmd|' /C calc'!A0", '+1', '-2', '@SUM(1)', '\tTAB', '\rCR'] as const;

/** A campaign with two declared slices (wrapped into four). */
const campaign = { id: 'pdll_2024', name: 'Région Pays de la Loire 2024 (5€/trajet)', slices: [{ start: 30_000, end: 60_000 }, { start: 2_000, end: 30_000 }] };

/** Journeys on each slice boundary, both periods, zero-euro ones, and one across the spring clock change. */
export const APDF_TRIPS: ApdfTrip[] = [
  apdfTrip({ journeyId: 'j-1', distanceM: 1_500, incentiveCents: 0 }),
  apdfTrip({ journeyId: 'j-2', distanceM: 2_000, incentiveCents: 150 }),
  apdfTrip({ journeyId: 'j-3', distanceM: 29_999, incentiveCents: 275, incentiveType: 'booster' }),
  apdfTrip({ journeyId: 'j-4', distanceM: 30_000, incentiveCents: 300 }),
  apdfTrip({ journeyId: 'j-5', distanceM: 60_000, incentiveCents: 0, incentiveType: 'booster' }),
  apdfTrip({ journeyId: 'j-6', distanceM: 75_123, incentiveCents: 325 }),
  apdfTrip({ journeyId: 'j-7', distanceM: 12_000, incentiveCents: 1, startAt: '2024-03-31T00:59:59Z', endAt: '2024-03-31T01:10:00Z' }),
];

/** The APDF of `APDF_TRIPS` for campaign `pdll_2024`, operator 3, March 2024, written in `outDir`. */
export function apdfInput(outDir: string, overrides: Partial<ApdfWorkbookInput> = {}): ApdfWorkbookInput {
  return { campaign, operator: { id: 3, name: 'Klaxit' }, month: '2024-03', rows: rowsOf(APDF_TRIPS), outDir, ...overrides };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OPERATORS, ILE_DE_FRANCE, PAYS_DE_LA_LOIRE, type DemoRegion } from '../domain/demo/demo-geography';
import { generateDemoTrips } from '../domain/demo/generate-demo-trips';
import { FORMAT_COLUMNS } from '../domain/extracts/formats';
import type { GeneratedFormat } from '../domain/extracts/write-extract-row';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from '../services/app-services';
import { UserIdPseudonymiser } from './pseudonymise';
import { TempStore } from '../testing/temp-store';
import { generateExtractFile } from './generate-extract';

/**
 * Generated extracts of every format are read back by the importer, through the job worker as the app runs it,
 * and every field the format carries comes back as generated: the writer and the readers agree to the cent, the
 * metre and the second.
 */

const ROWS = 400;
const PERIOD = { firstDay: '2025-03-01', days: 61 };
const OPERATOR_IDS = Object.fromEntries(DEMO_OPERATORS.map((operator, i) => [operator.name, i + 1]));

let store: TempStore;
let services: AppServices;
let pseudonyms: UserIdPseudonymiser;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  pseudonyms = new UserIdPseudonymiser(Buffer.from(services.audit.pseudonymKey() ?? '', 'hex'));
});

afterEach(async () => {
  await store.cleanup();
});

function expected(seed: number, region: DemoRegion): TripRow[] {
  return [...generateDemoTrips({ seed, journeys: ROWS, ...PERIOD, operatorIds: OPERATOR_IDS, region })].sort((a, b) => Number(a.journey_id) - Number(b.journey_id));
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  const [jobId] = await services.imports.importFiles([file]);
  const done = await services.runner.wait(jobId ?? '');
  expect(done?.status, done?.error ?? '').toBe('done');
  return done?.summary ?? {};
}

type StoredTrip = TripRow & { operator_name: string | null };

async function storedTrips(): Promise<StoredTrip[]> {
  return (await store
    .sql()('trips')
    .leftJoin('operators', 'operators.id', 'trips.operator_id')
    .select('trips.*', 'operators.name as operator_name')
    .orderBy('journey_id')) as StoredTrip[];
}

/** Fields every format carries, as the store must hold them. */
function commonFields(trip: TripRow): Partial<TripRow> {
  return {
    journey_id: trip.journey_id,
    operator_trip_id: trip.operator_trip_id,
    operator_class: trip.operator_class,
    start_at: trip.start_at,
    end_at: trip.end_at,
    start_local: trip.start_local,
    end_local: trip.end_local,
    distance_m: trip.distance_m,
    seats: trip.seats,
    start_insee: trip.start_insee,
    start_com: trip.start_com,
    start_epci: trip.start_epci,
    start_aom: trip.start_aom,
    start_dep: trip.start_dep,
    start_reg: trip.start_reg,
    start_country: trip.start_country,
    end_insee: trip.end_insee,
    end_com: trip.end_com,
    end_epci: trip.end_epci,
    end_aom: trip.end_aom,
    end_dep: trip.end_dep,
    end_reg: trip.end_reg,
    end_country: trip.end_country,
  };
}

function partnerFields(trip: TripRow): Partial<TripRow> {
  return {
    ...commonFields(trip),
    operator_journey_id: trip.operator_journey_id,
    status: trip.status,
    duration_s: trip.duration_s,
    start_lat: trip.start_lat,
    start_lon: trip.start_lon,
    end_lat: trip.end_lat,
    end_lon: trip.end_lon,
    driver_identity_key: trip.driver_identity_key,
    passenger_identity_key: trip.passenger_identity_key,
    // Stored as the keyed pseudonyms of the generated ids (docs/privacy.md), never in clear.
    operator_driver_id: pseudonyms.pseudonym(trip.operator_driver_id),
    operator_passenger_id: pseudonyms.pseudonym(trip.operator_passenger_id),
    driver_revenue_cents: trip.driver_revenue_cents,
    passenger_contribution_cents: trip.passenger_contribution_cents,
    cee_application: trip.cee_application,
    op_incentive_0_name: trip.op_incentive_0_name,
    op_incentive_0_cents: trip.op_incentive_0_cents,
    rpc_incentive_0_campaign_id: trip.rpc_incentive_0_campaign_id,
    rpc_incentive_0_campaign_name: trip.rpc_incentive_0_campaign_name,
    rpc_incentive_0_name: trip.rpc_incentive_0_name,
    rpc_incentive_0_cents: trip.rpc_incentive_0_cents,
  };
}

const truncate2 = (value: number | null): number | null => (value === null ? null : Math.trunc(value * 100) / 100);

function openDataFields(trip: TripRow, format: GeneratedFormat): Partial<TripRow> {
  const twoDecimals = format === 'opendata2022';
  return {
    ...commonFields(trip),
    // Open data publishes whole minutes and no money: only whether an incentive was paid.
    duration_s: trip.duration_s === null ? null : Math.round(trip.duration_s / 60) * 60,
    start_lat: twoDecimals ? truncate2(trip.start_lat) : trip.start_lat,
    start_lon: twoDecimals ? truncate2(trip.start_lon) : trip.start_lon,
    end_lat: twoDecimals ? truncate2(trip.end_lat) : trip.end_lat,
    end_lon: twoDecimals ? truncate2(trip.end_lon) : trip.end_lon,
    has_incentive: trip.rpc_incentive_0_cents === null ? 0 : 1,
  };
}

const CASES: Array<{ format: GeneratedFormat; file: string; region: DemoRegion; detected: string }> = [
  { format: 'territory', file: 'rpc-2025-05-01-territory.zip', region: PAYS_DE_LA_LOIRE, detected: 'territory' },
  { format: 'territory', file: 'idf-territory.csv', region: ILE_DE_FRANCE, detected: 'territory' },
  { format: 'operator', file: 'rpc-operator.csv', region: PAYS_DE_LA_LOIRE, detected: 'operator' },
  { format: 'dump', file: 'pdll2025.csv.gz', region: PAYS_DE_LA_LOIRE, detected: 'dump' },
  { format: 'opendata', file: '2025-03.csv', region: ILE_DE_FRANCE, detected: 'opendata' },
  { format: 'opendata2022', file: '2022-like.csv', region: PAYS_DE_LA_LOIRE, detected: 'opendata2022' },
  { format: 'opendata2025', file: '2025-like.csv.gz', region: PAYS_DE_LA_LOIRE, detected: 'opendata' },
];

describe('generate → import round trip', () => {
  it.each(CASES)('$format ($file, région $region) comes back field for field', async ({ format, file, region, detected }) => {
    const path = join(store.dir, file);
    const result = await generateExtractFile({ rows: ROWS, format, seed: 11, out: path, region, ...PERIOD });
    expect(result).toMatchObject({ rows: ROWS, format });
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const summary = await importFile(path);
    expect(summary).toMatchObject({ formats: [detected], rowsRead: ROWS, rowsInserted: ROWS, rowsUpdated: 0, rowsRejected: 0 });
    expect(summary.unresolvedCodes).toEqual({});

    const stored = await storedTrips();
    const generated = expected(11, region);
    expect(stored).toHaveLength(ROWS);
    const pick = format === 'territory' || format === 'operator' || format === 'dump' ? partnerFields : (trip: TripRow) => openDataFields(trip, format);
    stored.forEach((row, i) => {
      const want = generated[i] as TripRow;
      expect(row).toMatchObject(pick(want));
      if (want.operator_driver_id !== null) expect(row.operator_driver_id).not.toBe(want.operator_driver_id);
      // The operator name travels in the territory export and the dump, not in the operator's own export.
      const name = DEMO_OPERATORS[(want.operator_id ?? 0) - 1]?.name;
      expect(row.operator_name).toBe(format === 'territory' || format === 'dump' ? name : null);
    });

    // Importing the same file again changes nothing.
    expect(await importFile(path)).toMatchObject({ rowsInserted: 0, rowsUpdated: 0 });
    expect(await store.count('trips')).toBe(ROWS);
  });

  it('learns the AOM names a generated territory export carries', async () => {
    const path = join(store.dir, 'territory.csv');
    await generateExtractFile({ rows: ROWS, format: 'territory', seed: 3, out: path, region: PAYS_DE_LA_LOIRE, ...PERIOD });
    await importFile(path);
    const learned = (await store.sql()('aom_names_learned').select('aom_name')) as Array<{ aom_name: string }>;
    expect(learned.map((row) => row.aom_name)).toContain('Nantes Métropole');
  });
});

describe('generateExtractFile', () => {
  it('writes the exact header of each format and the same bytes for the same seed', async () => {
    for (const format of ['territory', 'dump', 'opendata2022', 'opendata2025'] as const) {
      const a = join(store.dir, `${format}-a.csv`);
      const b = join(store.dir, `${format}-b.csv`);
      const c = join(store.dir, `${format}-c.csv`);
      await generateExtractFile({ rows: 50, format, seed: 5, out: a, region: PAYS_DE_LA_LOIRE, ...PERIOD });
      await generateExtractFile({ rows: 50, format, seed: 5, out: b, region: PAYS_DE_LA_LOIRE, ...PERIOD });
      await generateExtractFile({ rows: 50, format, seed: 6, out: c, region: PAYS_DE_LA_LOIRE, ...PERIOD });
      const text = readFileSync(a, 'utf8');
      expect(readFileSync(b, 'utf8')).toBe(text);
      expect(readFileSync(c, 'utf8')).not.toBe(text);
      const header = (text.split('\n')[0] as string).replaceAll('"', '').split(format === 'dump' ? ',' : ';');
      expect(header).toEqual(FORMAT_COLUMNS[format === 'opendata2025' ? 'opendata' : format]);
      expect(text.split('\n')).toHaveLength(52);
    }
  });

  it('spells values as the registry does: quoted strings, € and km, t/f, +0100 offsets, 2-decimal 2022 coordinates', async () => {
    const read = async (format: GeneratedFormat): Promise<string> => {
      const out = join(store.dir, `${format}.csv.gz`);
      await generateExtractFile({ rows: 20, format, seed: 9, out, region: ILE_DE_FRANCE, ...PERIOD });
      return gunzipSync(readFileSync(out)).toString('utf8');
    };
    const territory = (await read('territory')).split('\n')[1] as string;
    expect(territory).toMatch(/^\d+;/);
    expect(territory).toContain('"Île-de-France Mobilités"');
    expect(territory).toMatch(/;"\d{4}-\d{2}-\d{2} \d{2}:\d0:00";/);
    expect(territory).toMatch(/;"\d{2}:\d{2}:\d{2}";\d+(\.\d{1,3})?;"\d+\.\d+";/);
    const dump = (await read('dump')).split('\n')[1] as string;
    expect(dump).toMatch(/,processed,(passed|failed),(passed|failed),/);
    expect(dump).toMatch(/,[tf],[^,]*,[^,]*,[^,]*,/);
    const od2025 = (await read('opendata2025')).split('\n');
    expect(od2025[0]).toMatch(/^"journey_id";"trip_id";/);
    expect(od2025[1]).toMatch(/;"\d{4}-\d{2}-\d{2}T\d{2}:\d0:00\+0[12]00";/);
    const od2022 = (await read('opendata2022')).split('\n')[1] as string;
    expect(od2022).toMatch(/;\d\.\d{2};\d{2}\.\d{2};\d{5};\d{5};\d{2};[^;]+ \(\d{2}\);Île-de-France Mobilités;France;/);
  });

  it('leaves no file behind when cancelled', async () => {
    const out = join(store.dir, 'annulé.csv');
    const controller = new AbortController();
    const generation = generateExtractFile({
      rows: 2_000_000,
      format: 'territory',
      seed: 1,
      out,
      region: PAYS_DE_LA_LOIRE,
      ...PERIOD,
      signal: controller.signal,
      onProgress: (written) => {
        if (written >= 20_000) controller.abort(new Error('stop'));
      },
    });
    await expect(generation).rejects.toThrow('stop');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});

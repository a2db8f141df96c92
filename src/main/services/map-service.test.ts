import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapQuery } from '../../shared/types/map';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * Flow maps against the journeys themselves: every flow is recounted here from the stored rows (the oracle: validated
 * journeys per directed pair) and must match what the aggregates built by `stats.refresh` give, for whole months,
 * incomplete months, weekdays, hour bands, territories and directions; the privacy threshold hides what is under it
 * everywhere, exports included.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const NANTES_METROPOLE = '244400404';
let store: TempStore;
let services: AppServices;
let trips: TripRow[];

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 4_000, seed: 7 })))?.status).toBe('done');
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
  trips = (await store.sql()('trips').select('*')) as TripRow[];
});

afterAll(async () => {
  await store.cleanup();
});

type Level = MapQuery['level'];
const column = (level: Level | 'reg', end: 'start' | 'end'): keyof TripRow => (level === 'com' ? `${end}_insee` : `${end}_${level}`) as keyof TripRow;
const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const BAND_OF_HOUR = (hour: number): string => (hour < 6 ? 'night' : hour < 9 ? 'morning' : hour < 16 ? 'day' : hour < 19 ? 'evening' : 'late');

/** The oracle: validated journeys per directed pair at a level, for a query's filters. */
function oracle(query: MapQuery): Map<string, number> {
  const counts = new Map<string, number>();
  for (const trip of trips) {
    if (trip.status !== 'ok' && trip.status !== null) continue;
    const day = trip.start_local.slice(0, 10);
    if (day < query.from || day > query.to) continue;
    if (query.days && !query.days.includes(isoWeekday(day))) continue;
    if (query.bands && !query.bands.includes(BAND_OF_HOUR(Number(trip.start_local.slice(11, 13))) as never)) continue;
    const origin = trip[column(query.level, 'start')] as string | null;
    const destination = trip[column(query.level, 'end')] as string | null;
    if (origin === null || destination === null) continue;
    if (query.territory) {
      const starts = trip[column(query.territory.level as Level, 'start')] === query.territory.code;
      const ends = trip[column(query.territory.level as Level, 'end')] === query.territory.code;
      const direction = query.direction ?? 'both';
      if (!(direction === 'from' ? starts : direction === 'to' ? ends : direction === 'intra' ? starts && ends : starts || ends)) continue;
    } else if (query.direction === 'intra' && origin !== destination) continue;
    const key = `${origin}>${destination}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function flowsOf(query: MapQuery): Promise<Map<string, number>> {
  const result = await services.map.flows(query);
  return new Map(result.flows.map((flow) => [`${flow.origin}>${flow.destination}`, flow.journeys]));
}

describe('MapService.flows — reconciles with the stored journeys', () => {
  beforeAll(async () => {
    await services.settings.set('map.minCount', 1);
  });

  it.each<[string, MapQuery]>([
    ['communes, whole months', { level: 'com', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' }],
    ['EPCI, incomplete first and last months', { level: 'epci', territory: null, from: '2026-08-17', to: '2026-10-09', direction: 'both' }],
    ['départements, inside one month', { level: 'dep', territory: null, from: '2026-09-03', to: '2026-09-21', direction: 'both' }],
    ['AOM, weekdays and rush hours', { level: 'aom', territory: null, from: '2026-08-01', to: '2026-10-20', direction: 'both', days: [1, 2, 3, 4, 5], bands: ['morning', 'evening'] }],
    ['communes of an AOM, both ways', { level: 'com', territory: { level: 'aom', code: NANTES_METROPOLE }, from: '2026-08-01', to: '2026-10-31', direction: 'both' }],
    ['communes of an AOM, from', { level: 'com', territory: { level: 'aom', code: NANTES_METROPOLE }, from: '2026-08-05', to: '2026-10-31', direction: 'from' }],
    ['EPCI of an AOM, to, week-ends', { level: 'epci', territory: { level: 'aom', code: NANTES_METROPOLE }, from: '2026-08-01', to: '2026-10-31', direction: 'to', days: [6, 7] }],
    ['communes of an AOM, intra', { level: 'com', territory: { level: 'aom', code: NANTES_METROPOLE }, from: '2026-08-01', to: '2026-10-31', direction: 'intra' }],
    ['the whole store, internal flows only', { level: 'dep', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'intra' }],
  ])('%s', async (_label, query) => {
    const expected = oracle(query);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    expect(await flowsOf(query)).toEqual(expected);
  });

  it('places total the journeys touching them and sit where their journeys are', async () => {
    const result = await services.map.flows({ level: 'com', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' });
    const place = result.places[0];
    expect(place).toBeDefined();
    if (!place) return;
    const touching = trips.filter((t) => (t.status === 'ok' || t.status === null) && t.start_local >= '2026-08-01' && t.start_local < '2026-11-01' && (t.start_insee === place.code || t.end_insee === place.code));
    expect(place.journeys).toBe(touching.length);
    expect(place.internal).toBe(touching.filter((t) => t.start_insee === place.code && t.end_insee === place.code).length);
    // The median of the ends' positions of a commune lies among them.
    const lats = trips.flatMap((t) => [t.start_insee === place.code ? t.start_lat : null, t.end_insee === place.code ? t.end_lat : null]).filter((v): v is number => v !== null);
    expect(place.position).not.toBeNull();
    expect(place.position?.[1]).toBeGreaterThanOrEqual(Math.min(...lats));
    expect(place.position?.[1]).toBeLessThanOrEqual(Math.max(...lats));
    expect(place.population).toBeGreaterThan(0);
    expect(place.perThousand).toBeCloseTo((place.journeys * 1000) / (place.population ?? 1), 6);
  });
});

describe('MapService — privacy threshold', () => {
  // One week: enough pairs of communes meet fewer than six times.
  const query: MapQuery = { level: 'com', territory: null, from: '2026-09-07', to: '2026-09-13', direction: 'both' };

  beforeAll(async () => {
    await services.settings.set('map.minCount', 6);
  });

  it('hides flows and places under the setting and counts what it hid', async () => {
    const expected = oracle(query);
    const result = await services.map.flows(query);
    expect(result.minCount).toBe(6);
    const small = [...expected.values()].filter((n) => n < 6);
    expect(small.length).toBeGreaterThan(0);
    expect(result.flows.every((flow) => flow.journeys >= 6)).toBe(true);
    expect(result.places.every((place) => place.journeys >= 6)).toBe(true);
    expect(result.hidden.flows).toBe(small.length);
    expect(result.hidden.journeys).toBe(small.reduce((a, b) => a + b, 0));
    expect(result.journeysShown + result.hidden.journeys).toBe(result.journeysTotal);
  });

  it('never goes under the setting, even when a query asks', async () => {
    expect((await services.map.flows({ ...query, minCount: 2 })).minCount).toBe(6);
    expect((await services.map.flows({ ...query, minCount: 20 })).minCount).toBe(20);
  });

  it('exports GeoJSON and CSV of exactly what is shown', async () => {
    const result = await services.map.flows(query);
    const geojson = await services.map.exportFlows(query, 'geojson');
    const collection = JSON.parse(readFileSync(geojson.path, 'utf8')) as {
      features: Array<{ geometry: { type: string; coordinates: unknown } | null; properties: { origin: string; destination: string; journeys: number } }>;
      metadata: { journeys_hidden_below_threshold: number };
    };
    expect(collection.features).toHaveLength(result.flows.length);
    expect(collection.features.every((feature) => feature.properties.journeys >= 6)).toBe(true);
    expect(collection.metadata.journeys_hidden_below_threshold).toBe(result.hidden.journeys);
    const line = collection.features.find((feature) => feature.properties.origin !== feature.properties.destination);
    expect(line?.geometry?.type).toBe('LineString');
    const csv = await services.map.exportFlows(query, 'csv');
    const lines = readFileSync(csv.path, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFForigine;nom_origine;destination;nom_destination;interne;trajets;incitations_rpc_centimes');
    expect(lines).toHaveLength(result.flows.length + 1);
    expect(csv.path).not.toBe(geojson.path);
  });

  it('refuses a PNG that is not one and saves one that is', async () => {
    await expect(services.map.savePng('Carte', Buffer.from('<svg/>').toString('base64'))).rejects.toThrow(/PNG/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);
    const saved = await services.map.savePng('Flux — Nantes Métropole', png.toString('base64'));
    expect(saved.path).toMatch(/carte-flux-nantes-metropole-.*\.png$/);
    expect(readFileSync(saved.path)).toEqual(png);
  });
});

describe('MapService — aggregates to build', () => {
  it('names the months a store refreshed before maps existed, and a refresh builds them', async () => {
    await store.sql()('map_month').where('month', '2026-09').delete();
    const missing = await services.map.flows({ level: 'dep', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' });
    expect(missing.monthsMissing).toEqual(['2026-09']);
    expect((await services.runner.wait((await services.stats.refresh({ from: '2026-09-01', to: '2026-09-30' })) ?? ''))?.status).toBe('done');
    const built = await services.map.flows({ level: 'dep', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' });
    expect(built.monthsMissing).toEqual([]);
  });
});

describe('MapService — overlays', () => {
  const query: MapQuery = { level: 'dep', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' };

  beforeAll(async () => {
    await services.settings.set('map.minCount', 1);
  });

  it('counts per flow the journeys a saved simulation paid, replaying it as it ran', async () => {
    const { simulationId, jobId } = await services.campaigns.simulate({ campaignId: '1', from: query.from, to: query.to, includeFlagged: false });
    expect((await services.runner.wait(jobId))?.status).toBe('done');
    const simulated = await services.campaigns.result(simulationId);
    expect(simulated.totals.paid).toBeGreaterThan(0);
    const result = await services.map.flows({ ...query, overlay: { kind: 'simulation', simulationId } });
    expect(result.overlay?.kind).toBe('simulation');
    expect(result.flows.every((flow) => flow.overlayJourneys !== null && flow.overlayJourneys <= flow.journeys)).toBe(true);
    // Every paid journey of the demo has both ends in a département: the overlay holds them all, no more.
    expect(result.flows.reduce((sum, flow) => sum + (flow.overlayJourneys ?? 0), 0)).toBe(simulated.totals.paid);
    await expect(services.map.flows({ ...query, overlay: { kind: 'simulation', simulationId: 9_999 } })).rejects.toThrow(/Simulation introuvable/);
  });

  it('counts per flow the journeys the checks flagged', async () => {
    expect((await services.runner.wait(await services.checks.scan({})))?.status).toBe('done');
    const flaggedKeys = new Set(
      ((await store.sql()('check_flag_journeys as fj').join('check_flags as f', 'f.id', 'fj.flag_id').where('f.current', 1).distinct('fj.natural_key')) as Array<{ natural_key: string }>).map(
        (row) => row.natural_key,
      ),
    );
    const expected = new Map<string, number>();
    for (const trip of trips) {
      const day = trip.start_local.slice(0, 10);
      if (!flaggedKeys.has(trip.natural_key) || (trip.status !== 'ok' && trip.status !== null) || day < query.from || day > query.to || !trip.start_dep || !trip.end_dep) continue;
      const key = `${trip.start_dep}>${trip.end_dep}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const result = await services.map.flows({ ...query, overlay: { kind: 'flagged' } });
    expect(new Map(result.flows.filter((flow) => (flow.overlayJourneys ?? 0) > 0).map((flow) => [`${flow.origin}>${flow.destination}`, flow.overlayJourneys]))).toEqual(expected);
  });
});

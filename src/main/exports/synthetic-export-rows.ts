import { formatLocal, parisLocalToUtc } from '../domain/time/paris-time';
import { naturalKey } from '../domain/trips/trip-row';
import type { TripExportRow } from './trip-list-columns';

const OPERATORS = ['Covoit’Ouest', 'Klaxit', 'BlaBlaCar Daily', 'Mobicoop'] as const;
const COMMUNES = [
  { insee: '44109', epci: '244400404', aom: '244400404', dep: '44' },
  { insee: '44184', epci: '244400644', aom: '244400644', dep: '44' },
  { insee: '49007', epci: '244900015', aom: '244900015', dep: '49' },
  { insee: '85191', epci: '248500589', aom: '248500589', dep: '85' },
  { insee: '72181', epci: '247200132', aom: '247200132', dep: '72' },
] as const;

/** Small deterministic generator (mulberry32): same seed, same rows, on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Synthetic journeys for the trip-list benchmark and tests, produced lazily (nothing is kept in memory): March
 * 2024 in Paris time (including the spring clock change), region 52, plausible ids, amounts and distances. Not
 * realistic behaviour: only shapes and sizes matter here.
 */
export async function* syntheticExportRows(count: number, seed = 1): AsyncGenerator<TripExportRow> {
  const next = random(seed);
  for (let i = 0; i < count; i += 1) {
    const day = 1 + (i % 31);
    const startMinutes = 360 + Math.floor(next() * 840);
    const durationS = 300 + Math.floor(next() * 3300);
    const endMinutes = Math.min(startMinutes + Math.ceil(durationS / 60), 1439);
    const from = COMMUNES[i % COMMUNES.length] as (typeof COMMUNES)[number];
    const to = COMMUNES[(i * 7 + 3) % COMMUNES.length] as (typeof COMMUNES)[number];
    const operatorId = 1 + (i % OPERATORS.length);
    const contribution = 100 + Math.floor(next() * 400);
    const rpc = next() < 0.6 ? 50 * Math.floor(next() * 5) : null;
    const journeyId = 900_000_000 + i;
    yield {
      natural_key: naturalKey(journeyId, operatorId, null),
      journey_id: journeyId,
      operator_id: operatorId,
      operator_journey_id: `${(i * 2_654_435_761 >>> 0).toString(16).padStart(8, '0')}-${i.toString(36)}-op`,
      operator_trip_id: `trip-${Math.floor(i / 2)}`,
      operator_class: 'C',
      status: next() < 0.97 ? 'ok' : 'fraud_error',
      acquisition_status: 'processed',
      fraud_status: 'passed',
      anomaly_status: 'passed',
      start_at: parisLocalToUtc(2024, 3, day, Math.floor(startMinutes / 60), startMinutes % 60),
      end_at: parisLocalToUtc(2024, 3, day, Math.floor(endMinutes / 60), endMinutes % 60),
      start_local: formatLocal(2024, 3, day, startMinutes),
      end_local: formatLocal(2024, 3, day, endMinutes),
      duration_s: durationS,
      distance_m: 2_000 + Math.floor(next() * 60_000),
      start_lat: 47.2,
      start_lon: -1.55,
      start_insee: from.insee,
      start_com: from.insee,
      start_epci: from.epci,
      start_aom: from.aom,
      start_dep: from.dep,
      start_reg: '52',
      start_country: '99100',
      end_lat: 47.4,
      end_lon: -0.55,
      end_insee: to.insee,
      end_com: to.insee,
      end_epci: to.epci,
      end_aom: to.aom,
      end_dep: to.dep,
      end_reg: '52',
      end_country: '99100',
      seats: next() < 0.95 ? 1 : 2,
      driver_identity_key: `driver-key-${i % 5_000}`,
      passenger_identity_key: `passenger-key-${i % 9_000}`,
      operator_driver_id: `driver-${i % 5_000}`,
      operator_passenger_id: `passenger-${i % 9_000}`,
      driver_revenue_cents: contribution + (rpc ?? 0),
      passenger_contribution_cents: contribution,
      cee_application: 0,
      has_incentive: rpc === null ? 0 : 1,
      op_incentive_0_siret: null,
      op_incentive_0_name: null,
      op_incentive_0_cents: next() < 0.3 ? 100 : null,
      op_incentive_1_siret: null,
      op_incentive_1_name: null,
      op_incentive_1_cents: null,
      op_incentive_2_siret: null,
      op_incentive_2_name: null,
      op_incentive_2_cents: null,
      rpc_incentive_0_campaign_id: rpc === null ? null : 'pdll_2024',
      rpc_incentive_0_campaign_name: rpc === null ? null : 'Région Pays de la Loire 2024',
      rpc_incentive_0_siret: null,
      rpc_incentive_0_name: null,
      rpc_incentive_0_cents: rpc,
      rpc_incentive_1_campaign_id: null,
      rpc_incentive_1_campaign_name: null,
      rpc_incentive_1_siret: null,
      rpc_incentive_1_name: null,
      rpc_incentive_1_cents: null,
      rpc_incentive_2_campaign_id: null,
      rpc_incentive_2_campaign_name: null,
      rpc_incentive_2_siret: null,
      rpc_incentive_2_name: null,
      rpc_incentive_2_cents: null,
      source_line: null,
      operator_name: OPERATORS[operatorId - 1] ?? null,
    };
  }
}

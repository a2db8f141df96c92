import { utcToParisLocal } from '../../time/paris-time';
import type { TripRow } from '../../trips/trip-row';

/** Nantes and Saint-Nazaire town halls, truncated to 3 decimals as in extracts: about 50 km apart. */
export const NANTES = { lat: 47.218, lon: -1.553, insee: '44109' };
export const SAINT_NAZAIRE = { lat: 47.273, lon: -2.213, insee: '44184' };
/** Le Mans, about 170 km from Nantes. */
export const LE_MANS = { lat: 48.007, lon: 0.199, insee: '72181' };

export interface JourneySpec extends Partial<TripRow> {
  key: string;
  /** Start, UTC, `YYYY-MM-DDTHH:MM` (ceiled to 10 min like extracts). */
  start: string;
  /** Published duration (end − start) in minutes, default 50 (the 45-min journey ceiled). */
  minutes?: number;
  driver?: string;
  passenger?: string;
  from?: { lat: number; lon: number; insee: string };
  to?: { lat: number; lon: number; insee: string };
}

/**
 * A plausible journey for check tests: Nantes → Saint-Nazaire, 60 km in 45 min, operator 1, driver `d`, passenger
 * `p`, own car trip; every field can be overridden.
 */
export function journey(spec: JourneySpec): TripRow {
  const { key, start, minutes = 50, driver = 'd', passenger = 'p', from = NANTES, to = SAINT_NAZAIRE, ...rest } = spec;
  const startAt = `${start}:00Z`;
  const endAt = new Date(Date.parse(startAt) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    natural_key: key, journey_id: null, operator_id: 1, operator_journey_id: key, operator_trip_id: `trip-${key}`,
    operator_class: 'C', status: 'ok', acquisition_status: null, fraud_status: null, anomaly_status: null,
    start_at: startAt, end_at: endAt, start_local: utcToParisLocal(startAt), end_local: utcToParisLocal(endAt),
    duration_s: 45 * 60, distance_m: 60_000,
    start_lat: from.lat, start_lon: from.lon, start_insee: from.insee, start_com: from.insee, start_epci: null, start_aom: null,
    start_dep: null, start_reg: null, start_country: '99100',
    end_lat: to.lat, end_lon: to.lon, end_insee: to.insee, end_com: to.insee, end_epci: null, end_aom: null,
    end_dep: null, end_reg: null, end_country: '99100',
    seats: 1, driver_identity_key: driver, passenger_identity_key: passenger,
    operator_driver_id: `u-${driver}`, operator_passenger_id: `u-${passenger}`,
    driver_revenue_cents: 480, passenger_contribution_cents: 480, cee_application: 0, has_incentive: null,
    op_incentive_0_siret: null, op_incentive_0_name: null, op_incentive_0_cents: null,
    op_incentive_1_siret: null, op_incentive_1_name: null, op_incentive_1_cents: null,
    op_incentive_2_siret: null, op_incentive_2_name: null, op_incentive_2_cents: null,
    rpc_incentive_0_campaign_id: null, rpc_incentive_0_campaign_name: null, rpc_incentive_0_siret: null,
    rpc_incentive_0_name: null, rpc_incentive_0_cents: null,
    rpc_incentive_1_campaign_id: null, rpc_incentive_1_campaign_name: null, rpc_incentive_1_siret: null,
    rpc_incentive_1_name: null, rpc_incentive_1_cents: null,
    rpc_incentive_2_campaign_id: null, rpc_incentive_2_campaign_name: null, rpc_incentive_2_siret: null,
    rpc_incentive_2_name: null, rpc_incentive_2_cents: null,
    source_line: null,
    ...rest,
  };
}

/**
 * The canonical journey row as stored in `trips` (one driver–passenger pair), whatever the source format.
 * Units: money in integer cents, distance in integer metres, duration in seconds, instants in UTC ISO 8601
 * (`2024-04-16T06:10:00Z`), local times as published (`2024-04-16 08:10:00`, Europe/Paris).
 */
export interface TripRow {
  natural_key: string;
  journey_id: number | null;
  operator_id: number | null;
  operator_journey_id: string | null;
  operator_trip_id: string | null;
  operator_class: 'A' | 'B' | 'C' | null;
  status: 'ok' | 'fraud_error' | 'anomaly_error' | 'pending' | null;
  acquisition_status: string | null;
  fraud_status: string | null;
  anomaly_status: string | null;
  start_at: string;
  end_at: string | null;
  start_local: string;
  end_local: string | null;
  duration_s: number | null;
  distance_m: number | null;
  start_lat: number | null;
  start_lon: number | null;
  start_insee: string | null;
  start_com: string | null;
  start_epci: string | null;
  start_aom: string | null;
  start_dep: string | null;
  start_reg: string | null;
  start_country: string | null;
  end_lat: number | null;
  end_lon: number | null;
  end_insee: string | null;
  end_com: string | null;
  end_epci: string | null;
  end_aom: string | null;
  end_dep: string | null;
  end_reg: string | null;
  end_country: string | null;
  seats: number | null;
  driver_identity_key: string | null;
  passenger_identity_key: string | null;
  operator_driver_id: string | null;
  operator_passenger_id: string | null;
  driver_revenue_cents: number | null;
  passenger_contribution_cents: number | null;
  cee_application: 0 | 1 | null;
  has_incentive: 0 | 1 | null;
  op_incentive_0_siret: string | null;
  op_incentive_0_name: string | null;
  op_incentive_0_cents: number | null;
  op_incentive_1_siret: string | null;
  op_incentive_1_name: string | null;
  op_incentive_1_cents: number | null;
  op_incentive_2_siret: string | null;
  op_incentive_2_name: string | null;
  op_incentive_2_cents: number | null;
  rpc_incentive_0_campaign_id: string | null;
  rpc_incentive_0_campaign_name: string | null;
  rpc_incentive_0_siret: string | null;
  rpc_incentive_0_name: string | null;
  rpc_incentive_0_cents: number | null;
  rpc_incentive_1_campaign_id: string | null;
  rpc_incentive_1_campaign_name: string | null;
  rpc_incentive_1_siret: string | null;
  rpc_incentive_1_name: string | null;
  rpc_incentive_1_cents: number | null;
  rpc_incentive_2_campaign_id: string | null;
  rpc_incentive_2_campaign_name: string | null;
  rpc_incentive_2_siret: string | null;
  rpc_incentive_2_name: string | null;
  rpc_incentive_2_cents: number | null;
  /** 1-based line of the source file the row came from (null for generated rows). */
  source_line: number | null;
}

/** Every column of `TripRow`, in table order; the bulk writer binds values in this order. */
export const TRIP_COLUMNS = [
  'natural_key', 'journey_id', 'operator_id', 'operator_journey_id', 'operator_trip_id', 'operator_class', 'status',
  'acquisition_status', 'fraud_status', 'anomaly_status', 'start_at', 'end_at', 'start_local', 'end_local',
  'duration_s', 'distance_m',
  'start_lat', 'start_lon', 'start_insee', 'start_com', 'start_epci', 'start_aom', 'start_dep', 'start_reg', 'start_country',
  'end_lat', 'end_lon', 'end_insee', 'end_com', 'end_epci', 'end_aom', 'end_dep', 'end_reg', 'end_country',
  'seats', 'driver_identity_key', 'passenger_identity_key', 'operator_driver_id', 'operator_passenger_id',
  'driver_revenue_cents', 'passenger_contribution_cents', 'cee_application', 'has_incentive',
  'op_incentive_0_siret', 'op_incentive_0_name', 'op_incentive_0_cents',
  'op_incentive_1_siret', 'op_incentive_1_name', 'op_incentive_1_cents',
  'op_incentive_2_siret', 'op_incentive_2_name', 'op_incentive_2_cents',
  'rpc_incentive_0_campaign_id', 'rpc_incentive_0_campaign_name', 'rpc_incentive_0_siret', 'rpc_incentive_0_name', 'rpc_incentive_0_cents',
  'rpc_incentive_1_campaign_id', 'rpc_incentive_1_campaign_name', 'rpc_incentive_1_siret', 'rpc_incentive_1_name', 'rpc_incentive_1_cents',
  'rpc_incentive_2_campaign_id', 'rpc_incentive_2_campaign_name', 'rpc_incentive_2_siret', 'rpc_incentive_2_name', 'rpc_incentive_2_cents',
  'source_line',
] as const satisfies ReadonlyArray<keyof TripRow>;

/** Compile-time check that TRIP_COLUMNS names every field of TripRow. */
type MissingColumns = Exclude<keyof TripRow, (typeof TRIP_COLUMNS)[number]>;
export const tripColumnsComplete: MissingColumns extends never ? true : MissingColumns = true;

/** Natural key of a journey: the registry id when known, else operator + operator journey id. */
export function naturalKey(journeyId: number | null, operatorId: number | null, operatorJourneyId: string | null): string {
  if (journeyId !== null) return `j:${journeyId}`;
  return `o:${operatorId ?? ''}:${operatorJourneyId ?? ''}`;
}

/**
 * `*_country` holds an INSEE country code: `99100` for France, `99xxx` for a foreign country (as in the
 * registry's `start_insee` for foreign ends).
 */
export const FRANCE_COUNTRY_CODE = '99100';

/**
 * The registry's extract formats, identified by their exact header (never by file name). Column lists come from
 * the registry's export configuration and the published files (see docs/extract-formats.md in the shared material).
 */
export type ExtractFormat = 'territory' | 'operator' | 'dump' | 'opendata' | 'opendata2022';

/** French name of each format, for messages and the sync log. */
export const FORMAT_LABELS: Readonly<Record<ExtractFormat, string>> = {
  territory: 'export territoire (65 colonnes)',
  operator: 'export opérateur (64 colonnes)',
  dump: 'extraction régionale (66 colonnes)',
  opendata: 'données ouvertes 2023+ (27 colonnes)',
  opendata2022: 'données ouvertes 2020-08 à 2022 (29 colonnes)',
};

/** Field delimiter of each format. */
export const FORMAT_DELIMITERS: Readonly<Record<ExtractFormat, ';' | ','>> = {
  territory: ';',
  operator: ';',
  dump: ',',
  opendata: ';',
  opendata2022: ';',
};

/** Territory export v3: `;`, strings quoted, numbers bare, booleans 1/empty, local times, € amounts, km. */
export const TERRITORY_COLUMNS = [
  'journey_id', 'operator_trip_id', 'operator_journey_id', 'operator_class', 'status', 'start_datetime',
  'start_date', 'start_time', 'end_datetime', 'end_date', 'end_time', 'duration', 'distance', 'start_lat',
  'start_lon', 'end_lat', 'end_lon', 'start_insee', 'start_commune', 'start_departement', 'start_epci', 'start_aom',
  'start_region', 'start_pays', 'end_insee', 'end_commune', 'end_departement', 'end_epci', 'end_aom', 'end_region',
  'end_pays', 'operator', 'operator_passenger_id', 'passenger_identity_key', 'operator_driver_id',
  'driver_identity_key', 'driver_revenue', 'passenger_contribution', 'passenger_seats', 'cee_application',
  'incentive_type', 'incentive_0_siret', 'incentive_0_name', 'incentive_0_amount', 'incentive_1_siret',
  'incentive_1_name', 'incentive_1_amount', 'incentive_2_siret', 'incentive_2_name', 'incentive_2_amount',
  'incentive_rpc_0_campaign_id', 'incentive_rpc_0_campaign_name', 'incentive_rpc_0_siret', 'incentive_rpc_0_name',
  'incentive_rpc_0_amount', 'incentive_rpc_1_campaign_id', 'incentive_rpc_1_campaign_name', 'incentive_rpc_1_siret',
  'incentive_rpc_1_name', 'incentive_rpc_1_amount', 'incentive_rpc_2_campaign_id', 'incentive_rpc_2_campaign_name',
  'incentive_rpc_2_siret', 'incentive_rpc_2_name', 'incentive_rpc_2_amount',
] as const;

/** Operator export v3: the territory columns without `operator`. */
export const OPERATOR_COLUMNS = TERRITORY_COLUMNS.filter((column) => column !== 'operator');

/** Regional dump (psql COPY): `,`, quoted when needed, t/f booleans, three raw status columns, no incentive_type. */
export const DUMP_COLUMNS = [
  'journey_id', 'operator_trip_id', 'operator_journey_id', 'operator_class', 'acquisition_status', 'fraud_status',
  'anomaly_status', 'start_datetime', 'start_date', 'start_time', 'end_datetime', 'end_date', 'end_time', 'duration',
  'distance', 'start_lat', 'start_lon', 'end_lat', 'end_lon', 'start_insee', 'start_commune', 'start_departement',
  'start_epci', 'start_aom', 'start_region', 'start_pays', 'end_insee', 'end_commune', 'end_departement', 'end_epci',
  'end_aom', 'end_region', 'end_pays', 'operator', 'operator_passenger_id', 'passenger_identity_key',
  'operator_driver_id', 'driver_identity_key', 'driver_revenue', 'passenger_contribution', 'passenger_seats',
  'cee_application', 'incentive_0_siret', 'incentive_0_name', 'incentive_0_amount', 'incentive_1_siret',
  'incentive_1_name', 'incentive_1_amount', 'incentive_2_siret', 'incentive_2_name', 'incentive_2_amount',
  'incentive_rpc_0_campaign_id', 'incentive_rpc_0_campaign_name', 'incentive_rpc_0_siret', 'incentive_rpc_0_name',
  'incentive_rpc_0_amount', 'incentive_rpc_1_campaign_id', 'incentive_rpc_1_campaign_name', 'incentive_rpc_1_siret',
  'incentive_rpc_1_name', 'incentive_rpc_1_amount', 'incentive_rpc_2_campaign_id', 'incentive_rpc_2_campaign_name',
  'incentive_rpc_2_siret', 'incentive_rpc_2_name', 'incentive_rpc_2_amount',
] as const;

/** Open data 2023+: `;`, metres, minutes, ISO local times with offset (`+01:00`, or `+0100` from 2025). */
export const OPENDATA_COLUMNS = [
  'journey_id', 'trip_id', 'journey_start_datetime', 'journey_start_date', 'journey_start_time', 'journey_start_lon',
  'journey_start_lat', 'journey_start_insee', 'journey_start_department', 'journey_start_town',
  'journey_start_towngroup', 'journey_start_country', 'journey_end_datetime', 'journey_end_date', 'journey_end_time',
  'journey_end_lon', 'journey_end_lat', 'journey_end_insee', 'journey_end_department', 'journey_end_town',
  'journey_end_towngroup', 'journey_end_country', 'passenger_seats', 'operator_class', 'journey_distance',
  'journey_duration', 'has_incentive',
] as const;

/** Open data 2020-08…2022: the 2023 columns plus postal codes after each INSEE code. */
export const OPENDATA_2022_COLUMNS = [
  'journey_id', 'trip_id', 'journey_start_datetime', 'journey_start_date', 'journey_start_time', 'journey_start_lon',
  'journey_start_lat', 'journey_start_insee', 'journey_start_postalcode', 'journey_start_department',
  'journey_start_town', 'journey_start_towngroup', 'journey_start_country', 'journey_end_datetime',
  'journey_end_date', 'journey_end_time', 'journey_end_lon', 'journey_end_lat', 'journey_end_insee',
  'journey_end_postalcode', 'journey_end_department', 'journey_end_town', 'journey_end_towngroup',
  'journey_end_country', 'passenger_seats', 'operator_class', 'journey_distance', 'journey_duration',
  'has_incentive',
] as const;

export const FORMAT_COLUMNS: Readonly<Record<ExtractFormat, readonly string[]>> = {
  territory: TERRITORY_COLUMNS,
  operator: OPERATOR_COLUMNS,
  dump: DUMP_COLUMNS,
  opendata: OPENDATA_COLUMNS,
  opendata2022: OPENDATA_2022_COLUMNS,
};

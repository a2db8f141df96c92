import { parisLocalToUtc } from '../time/paris-time';
import type { TripRow } from '../trips/trip-row';
import type { ColumnIndex } from './detect-format';
import { FieldError } from './field-error';
import type { ExtractFormat } from './formats';
import {
  boolean,
  coordinate,
  eurosToCents,
  formatLocalDateTime,
  hmsToSeconds,
  integer,
  kilometresToMetres,
  localDateAndTime,
  localDateTime,
  offsetDateTime,
  text,
  type LocalDateTime,
} from './values';

/** A journey read from one line, before operator ids, natural key and geography are attached. */
export interface ParsedJourney {
  trip: TripRow;
  /** Operator display name (territory export, dump), or null. */
  operatorName: string | null;
  /** AOM names the line gives for its INSEE codes (territory export), to learn AOM names per commune. */
  aomNames: Array<{ insee: string; name: string }>;
}

/** Longest declared distance accepted (the registry's API caps it at 1,000 km). */
export const MAX_DISTANCE_M = 1_000_000;
const STATUSES = new Set(['ok', 'fraud_error', 'anomaly_error', 'pending']);

type Cells = readonly string[];

function reader(cells: Cells, index: ColumnIndex): (column: string) => string | undefined {
  return (column) => {
    const i = index.get(column);
    return i === undefined ? undefined : cells[i];
  };
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw new FieldError(field, 'valeur manquante');
  return value;
}

function proofClass(value: string | undefined): 'A' | 'B' | 'C' {
  const cleaned = required(text(value), 'operator_class').toUpperCase();
  if (cleaned !== 'A' && cleaned !== 'B' && cleaned !== 'C') {
    throw new FieldError('operator_class', 'classe de preuve inconnue', `« ${cleaned} » (attendu A, B ou C)`);
  }
  return cleaned;
}

function distance(metres: number | null, field: string): number | null {
  if (metres === null) return null;
  if (metres < 0) throw new FieldError(field, 'distance négative', `(${metres} m)`);
  if (metres > MAX_DISTANCE_M) throw new FieldError(field, 'distance hors bornes', `(${metres} m, maximum 1 000 km)`);
  return metres;
}

function seats(value: string | undefined): number | null {
  const n = integer(value, 'passenger_seats');
  if (n !== null && (n < 1 || n > 8)) throw new FieldError('passenger_seats', 'nombre de places hors bornes', `(${n}, attendu 1 à 8)`);
  return n;
}

function utcOf(local: LocalDateTime): string {
  return parisLocalToUtc(local.year, local.month, local.day, local.hour, local.minute, local.second);
}

/**
 * Column names of the three incentive slots, built once: names built per line (template strings) were a
 * measurable share of the import's time, and constant strings keep their hash for the column lookups.
 */
const INCENTIVE_SLOTS = ([0, 1, 2] as const).map((i) => ({
  source: {
    siret: `incentive_${i}_siret`, name: `incentive_${i}_name`, amount: `incentive_${i}_amount`,
    rpcCampaignId: `incentive_rpc_${i}_campaign_id`, rpcCampaignName: `incentive_rpc_${i}_campaign_name`,
    rpcSiret: `incentive_rpc_${i}_siret`, rpcName: `incentive_rpc_${i}_name`, rpcAmount: `incentive_rpc_${i}_amount`,
  },
  op: { siret: `op_incentive_${i}_siret`, name: `op_incentive_${i}_name`, cents: `op_incentive_${i}_cents` } as const,
  rpc: {
    campaignId: `rpc_incentive_${i}_campaign_id`, campaignName: `rpc_incentive_${i}_campaign_name`,
    siret: `rpc_incentive_${i}_siret`, name: `rpc_incentive_${i}_name`, cents: `rpc_incentive_${i}_cents`,
  } as const,
}));

/** INSEE and AOM-name columns of both ends (see INCENTIVE_SLOTS for why they are built once). */
const LOCATION_ENDS = [{ insee: 'start_insee', aom: 'start_aom' }, { insee: 'end_insee', aom: 'end_aom' }] as const;

/** The part of TripRow every format fills the same way when a field is absent. */
function emptyTrip(): TripRow {
  return {
    natural_key: '', journey_id: null, operator_id: null, operator_journey_id: null, operator_trip_id: null, operator_class: null,
    status: null, acquisition_status: null, fraud_status: null, anomaly_status: null, start_at: '', end_at: null,
    start_local: '', end_local: null, duration_s: null, distance_m: null,
    start_lat: null, start_lon: null, start_insee: null, start_com: null, start_epci: null, start_aom: null, start_dep: null,
    start_reg: null, start_country: null, end_lat: null, end_lon: null, end_insee: null, end_com: null, end_epci: null,
    end_aom: null, end_dep: null, end_reg: null, end_country: null, seats: null, driver_identity_key: null,
    passenger_identity_key: null, operator_driver_id: null, operator_passenger_id: null, driver_revenue_cents: null,
    passenger_contribution_cents: null, cee_application: null, has_incentive: null,
    op_incentive_0_siret: null, op_incentive_0_name: null, op_incentive_0_cents: null,
    op_incentive_1_siret: null, op_incentive_1_name: null, op_incentive_1_cents: null,
    op_incentive_2_siret: null, op_incentive_2_name: null, op_incentive_2_cents: null,
    rpc_incentive_0_campaign_id: null, rpc_incentive_0_campaign_name: null, rpc_incentive_0_siret: null, rpc_incentive_0_name: null, rpc_incentive_0_cents: null,
    rpc_incentive_1_campaign_id: null, rpc_incentive_1_campaign_name: null, rpc_incentive_1_siret: null, rpc_incentive_1_name: null, rpc_incentive_1_cents: null,
    rpc_incentive_2_campaign_id: null, rpc_incentive_2_campaign_name: null, rpc_incentive_2_siret: null, rpc_incentive_2_name: null, rpc_incentive_2_cents: null,
    source_line: null,
  };
}

/** Territory export, operator export and regional dump: the partner columns (local times, €, km). */
function mapPartnerRow(get: (column: string) => string | undefined, format: ExtractFormat): ParsedJourney {
  const trip = emptyTrip();
  trip.journey_id = required(integer(get('journey_id'), 'journey_id'), 'journey_id');
  trip.operator_trip_id = text(get('operator_trip_id'));
  trip.operator_journey_id = text(get('operator_journey_id'));
  trip.operator_class = proofClass(get('operator_class'));
  if (format === 'dump') {
    trip.acquisition_status = text(get('acquisition_status'));
    trip.fraud_status = text(get('fraud_status'));
    trip.anomaly_status = text(get('anomaly_status'));
    // The dump only holds processed journeys; a failed check decides the status as the registry computes it.
    trip.status = trip.fraud_status === 'failed' ? 'fraud_error' : trip.anomaly_status === 'failed' ? 'anomaly_error' : 'ok';
  } else {
    const status = required(text(get('status')), 'status');
    if (!STATUSES.has(status)) throw new FieldError('status', 'statut inconnu', `« ${status} »`);
    trip.status = status as TripRow['status'];
  }
  const start = required(localDateTime(get('start_datetime'), 'start_datetime'), 'start_datetime');
  const end = localDateTime(get('end_datetime'), 'end_datetime');
  trip.start_local = formatLocalDateTime(start);
  trip.start_at = utcOf(start);
  trip.end_local = end && formatLocalDateTime(end);
  trip.end_at = end && utcOf(end);
  trip.duration_s = hmsToSeconds(get('duration'), 'duration');
  trip.distance_m = distance(kilometresToMetres(get('distance'), 'distance'), 'distance');
  trip.start_lat = coordinate(get('start_lat'), 'start_lat', 90);
  trip.start_lon = coordinate(get('start_lon'), 'start_lon', 180);
  trip.end_lat = coordinate(get('end_lat'), 'end_lat', 90);
  trip.end_lon = coordinate(get('end_lon'), 'end_lon', 180);
  trip.start_insee = text(get('start_insee'));
  trip.end_insee = text(get('end_insee'));
  trip.operator_passenger_id = text(get('operator_passenger_id'));
  trip.passenger_identity_key = text(get('passenger_identity_key'));
  trip.operator_driver_id = text(get('operator_driver_id'));
  trip.driver_identity_key = text(get('driver_identity_key'));
  trip.driver_revenue_cents = eurosToCents(get('driver_revenue'), 'driver_revenue');
  trip.passenger_contribution_cents = eurosToCents(get('passenger_contribution'), 'passenger_contribution');
  trip.seats = seats(get('passenger_seats'));
  trip.cee_application = boolean(get('cee_application'), 'cee_application') ?? (format === 'dump' ? null : 0);
  for (const slot of INCENTIVE_SLOTS) {
    trip[slot.op.siret] = text(get(slot.source.siret));
    trip[slot.op.name] = text(get(slot.source.name));
    trip[slot.op.cents] = eurosToCents(get(slot.source.amount), slot.source.amount);
    trip[slot.rpc.campaignId] = text(get(slot.source.rpcCampaignId));
    trip[slot.rpc.campaignName] = text(get(slot.source.rpcCampaignName));
    trip[slot.rpc.siret] = text(get(slot.source.rpcSiret));
    trip[slot.rpc.name] = text(get(slot.source.rpcName));
    trip[slot.rpc.cents] = eurosToCents(get(slot.source.rpcAmount), slot.source.rpcAmount);
  }
  const aomNames: ParsedJourney['aomNames'] = [];
  for (const end of LOCATION_ENDS) {
    const insee = trip[end.insee];
    const name = text(get(end.aom));
    if (insee && name) aomNames.push({ insee, name });
  }
  return { trip, operatorName: text(get('operator')), aomNames };
}

/** Open data (27 or 29 columns): metres, minutes, ISO times with offset; no operator, money or status. */
function mapOpenDataRow(get: (column: string) => string | undefined): ParsedJourney {
  const trip = emptyTrip();
  trip.journey_id = required(integer(get('journey_id'), 'journey_id'), 'journey_id');
  trip.operator_trip_id = text(get('trip_id'));
  trip.operator_class = proofClass(get('operator_class'));
  const start = required(offsetDateTime(get('journey_start_datetime'), 'journey_start_datetime'), 'journey_start_datetime');
  trip.start_at = start.utc;
  trip.start_local = formatLocalDateTime(start.local);
  // Registry bug (Oct 2024 on): journey_end_datetime repeats the start; the end date and time columns are right.
  const end = localDateAndTime(get('journey_end_date'), get('journey_end_time'), 'journey_end_time');
  trip.end_local = end && formatLocalDateTime(end);
  trip.end_at = end && utcOf(end);
  const minutes = integer(get('journey_duration'), 'journey_duration');
  if (minutes !== null && minutes < 0) throw new FieldError('journey_duration', 'durée négative', `(${minutes} min)`);
  trip.duration_s = minutes === null ? null : minutes * 60;
  trip.distance_m = distance(integer(get('journey_distance'), 'journey_distance'), 'journey_distance');
  trip.start_lat = coordinate(get('journey_start_lat'), 'journey_start_lat', 90);
  trip.start_lon = coordinate(get('journey_start_lon'), 'journey_start_lon', 180);
  trip.end_lat = coordinate(get('journey_end_lat'), 'journey_end_lat', 90);
  trip.end_lon = coordinate(get('journey_end_lon'), 'journey_end_lon', 180);
  trip.start_insee = text(get('journey_start_insee'));
  trip.end_insee = text(get('journey_end_insee'));
  trip.seats = seats(get('passenger_seats'));
  trip.has_incentive = boolean(get('has_incentive'), 'has_incentive');
  return { trip, operatorName: null, aomNames: [] };
}

/**
 * Reads one data line of a detected format into a journey. Throws FieldError (field + French reason) for a
 * value the store cannot hold; the importer then keeps the line in quarantine.
 */
export function mapRow(format: ExtractFormat, cells: Cells, index: ColumnIndex): ParsedJourney {
  const get = reader(cells, index);
  return format === 'opendata' || format === 'opendata2022' ? mapOpenDataRow(get) : mapPartnerRow(get, format);
}

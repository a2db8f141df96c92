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
/** Longest duration accepted: no carpool journey lasts a day (the checks flag those over 3 h, T05). */
export const MAX_DURATION_S = 24 * 3600;
/**
 * Fastest average speed accepted, over journeys of at least `SPEED_MIN_DURATION_S` (shorter durations are rounded
 * to the minute by open data, and their speeds mean nothing): no car carries passengers at 300 km/h on average. The
 * checks flag from 110–130 km/h (T04, H04); what lies between stays theirs to flag.
 */
export const MAX_SPEED_KMH = 300;
const SPEED_MIN_DURATION_S = 600;

/**
 * The days a journey may start on, `YYYY-MM-DD` (local): the registry's life, from its first year to the import's
 * day plus a margin. A sentinel date (`9999-12-31`, `1900-01-01`) is rejected with its line, so that no aggregate
 * or job walks the centuries between it and the real journeys.
 */
export interface DateLimits {
  firstDay: string;
  lastDay: string;
}

/** First day of the registry's journeys (it opened in 2019). */
export const REGISTRY_FIRST_DAY = '2019-01-01';
/** Days after the import's day a journey may start on (clocks, time zones and the registry's 10-minute ceiling). */
const FUTURE_MARGIN_DAYS = 366;

/** The limits of an import run on `today` (`YYYY-MM-DD`). */
export function dateLimits(today: string): DateLimits {
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + FUTURE_MARGIN_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { firstDay: REGISTRY_FIRST_DAY, lastDay: last };
}
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

/** An amount in cents that must not be negative (revenues, contributions, incentives). */
function amount(text: string | undefined, field: string): number | null {
  const cents = eurosToCents(text, field);
  if (cents !== null && cents < 0) throw new FieldError(field, 'montant négatif', `(${text?.trim() ?? ''} €)`);
  return cents;
}

/**
 * A `YYYY-MM-DD` date column and a `HH:MM:SS` time column (territory export, dump, open data) must say what the
 * date-time column says: a line whose columns disagree is not trusted (the first of its values would be stored).
 */
function sameAsDateTime(value: LocalDateTime | null, dateText: string | undefined, timeText: string | undefined, dateField: string, timeField: string): void {
  const stored = value === null ? null : formatLocalDateTime(value);
  const date = text(dateText);
  if (date !== null && date !== (stored?.slice(0, 10) ?? null)) {
    throw new FieldError(dateField, 'date incohérente', `« ${date} » pour ${stored === null ? 'une date-heure absente' : `« ${stored} »`}`);
  }
  const time = text(timeText);
  if (time !== null && (stored === null || (time.length === 5 ? `${time}:00` : time) !== stored.slice(11))) {
    throw new FieldError(timeField, 'heure incohérente', `« ${time} » pour ${stored === null ? 'une date-heure absente' : `« ${stored} »`}`);
  }
}

/**
 * Rules on the journey as a whole: starts within the registry's life, ends after it starts, lasts less than a day,
 * at a speed a car makes (see the constants).
 */
function checkPlausible(trip: TripRow, limits: DateLimits, startField: string, endField: string, durationField: string): void {
  const day = trip.start_local.slice(0, 10);
  if (day < limits.firstDay || day > limits.lastDay) {
    throw new FieldError(startField, 'date hors de la période du registre', `« ${trip.start_local} » (attendu du ${limits.firstDay} au ${limits.lastDay})`);
  }
  if (trip.end_at !== null && trip.end_at < trip.start_at) {
    throw new FieldError(endField, 'fin avant le début', `« ${trip.end_local ?? ''} » avant « ${trip.start_local} »`);
  }
  if (trip.end_at !== null && Date.parse(trip.end_at) - Date.parse(trip.start_at) > MAX_DURATION_S * 1000) {
    throw new FieldError(endField, 'trajet de plus de 24 h', `« ${trip.start_local} » → « ${trip.end_local ?? ''} »`);
  }
  if (trip.duration_s !== null && trip.duration_s > MAX_DURATION_S) {
    throw new FieldError(durationField, 'durée hors bornes', `(${trip.duration_s} s, maximum 24 h)`);
  }
  if (trip.duration_s !== null && trip.distance_m !== null && trip.duration_s >= SPEED_MIN_DURATION_S) {
    const kmh = (trip.distance_m / trip.duration_s) * 3.6;
    if (kmh > MAX_SPEED_KMH) throw new FieldError(durationField, 'vitesse impossible', `(${Math.round(kmh)} km/h de moyenne, maximum ${MAX_SPEED_KMH})`);
  }
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
function mapPartnerRow(get: (column: string) => string | undefined, format: ExtractFormat, limits: DateLimits): ParsedJourney {
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
  sameAsDateTime(start, get('start_date'), get('start_time'), 'start_date', 'start_time');
  sameAsDateTime(end, get('end_date'), get('end_time'), 'end_date', 'end_time');
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
  trip.driver_revenue_cents = amount(get('driver_revenue'), 'driver_revenue');
  trip.passenger_contribution_cents = amount(get('passenger_contribution'), 'passenger_contribution');
  trip.seats = seats(get('passenger_seats'));
  trip.cee_application = boolean(get('cee_application'), 'cee_application') ?? (format === 'dump' ? null : 0);
  for (const slot of INCENTIVE_SLOTS) {
    trip[slot.op.siret] = text(get(slot.source.siret));
    trip[slot.op.name] = text(get(slot.source.name));
    trip[slot.op.cents] = amount(get(slot.source.amount), slot.source.amount);
    trip[slot.rpc.campaignId] = text(get(slot.source.rpcCampaignId));
    trip[slot.rpc.campaignName] = text(get(slot.source.rpcCampaignName));
    trip[slot.rpc.siret] = text(get(slot.source.rpcSiret));
    trip[slot.rpc.name] = text(get(slot.source.rpcName));
    trip[slot.rpc.cents] = amount(get(slot.source.rpcAmount), slot.source.rpcAmount);
  }
  const aomNames: ParsedJourney['aomNames'] = [];
  for (const end of LOCATION_ENDS) {
    const insee = trip[end.insee];
    const name = text(get(end.aom));
    if (insee && name) aomNames.push({ insee, name });
  }
  checkPlausible(trip, limits, 'start_datetime', 'end_datetime', 'duration');
  return { trip, operatorName: text(get('operator')), aomNames };
}

/** Open data (27 or 29 columns): metres, minutes, ISO times with offset; no operator, money or status. */
function mapOpenDataRow(get: (column: string) => string | undefined, limits: DateLimits): ParsedJourney {
  const trip = emptyTrip();
  trip.journey_id = required(integer(get('journey_id'), 'journey_id'), 'journey_id');
  trip.operator_trip_id = text(get('trip_id'));
  trip.operator_class = proofClass(get('operator_class'));
  const start = required(offsetDateTime(get('journey_start_datetime'), 'journey_start_datetime'), 'journey_start_datetime');
  trip.start_at = start.utc;
  trip.start_local = formatLocalDateTime(start.local);
  sameAsDateTime(start.local, get('journey_start_date'), get('journey_start_time'), 'journey_start_date', 'journey_start_time');
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
  checkPlausible(trip, limits, 'journey_start_datetime', 'journey_end_time', 'journey_duration');
  return { trip, operatorName: null, aomNames: [] };
}

/**
 * Reads one data line of a detected format into a journey. Throws FieldError (field + French reason) for a
 * value the store cannot hold or a journey no car makes (`limits`: the days it may start on); the importer then
 * keeps the line in quarantine.
 */
export function mapRow(format: ExtractFormat, cells: Cells, index: ColumnIndex, limits: DateLimits): ParsedJourney {
  const get = reader(cells, index);
  return format === 'opendata' || format === 'opendata2022' ? mapOpenDataRow(get, limits) : mapPartnerRow(get, format, limits);
}

import type { GeoLevel } from '../geo/geo-resolver';
import type { TripRow } from '../trips/trip-row';
import { FORMAT_COLUMNS, FORMAT_DELIMITERS, type ExtractFormat } from './formats';

/**
 * Formats the generator writes: every extract format the importer reads, plus the 2025+ open-data variant (same
 * 27 columns as 2023, quoted header and text, `+0100` offsets) which the importer detects as `opendata`.
 */
export type GeneratedFormat = ExtractFormat | 'opendata2025';

export const GENERATED_FORMATS: readonly GeneratedFormat[] = ['territory', 'operator', 'dump', 'opendata', 'opendata2022', 'opendata2025'];

/** Names the extracts print next to codes; the caller builds them from the COG reference and the AOM table. */
export interface ExtractNames {
  /** Name of a code at a level (`com` also names arrondissements), or null when unknown. */
  name(level: GeoLevel, code: string): string | null;
  /** First postal code of a commune or arrondissement (2020-08…2022 open data), or null. */
  postalCode(insee: string): string | null;
  /** Display name of an operator from its store id, or null. */
  operator(operatorId: number | null): string | null;
}

/** How a value is spelled in a cell: text, bare number, number the registry quotes (Postgres numeric), boolean. */
type Cell = { kind: 'text'; value: string | null } | { kind: 'number'; value: number | null } | { kind: 'numeric'; value: string | null } | { kind: 'bool'; value: 0 | 1 | null };

const text = (value: string | null): Cell => ({ kind: 'text', value });
const num = (value: number | null): Cell => ({ kind: 'number', value });
const numeric = (value: number | null): Cell => ({ kind: 'numeric', value: value === null ? null : String(value) });
const bool = (value: 0 | 1 | null): Cell => ({ kind: 'bool', value });

const quote = (value: string): string => `"${value.replaceAll('"', '""')}"`;
const needsQuotes = (value: string, delimiter: string): boolean => value.includes(delimiter) || /["\r\n]/.test(value);

/**
 * Spelling of each cell kind per writer, as docs/extract-formats.md describes the registry's files:
 * - partner exports (csv-stringify `quoted_string`): strings and Postgres numerics quoted, JS numbers bare,
 *   booleans `1`/empty;
 * - regional dump (psql COPY CSV): quoted only when needed, booleans `t`/`f`;
 * - open data 2020-2023: nothing quoted; 2025+: text quoted, numbers bare.
 */
function spell(cell: Cell, style: 'partner' | 'dump' | 'plain' | 'datalake', delimiter: string): string {
  if (cell.value === null) return '';
  if (cell.kind === 'number') return String(cell.value);
  if (cell.kind === 'bool') {
    if (style === 'dump') return cell.value === 1 ? 't' : 'f';
    return cell.value === 1 ? '1' : '';
  }
  const value = String(cell.value);
  if (style === 'partner') return quote(value);
  if (style === 'datalake' && cell.kind === 'text') return quote(value);
  return needsQuotes(value, delimiter) ? quote(value) : value;
}

const STYLES: Readonly<Record<GeneratedFormat, 'partner' | 'dump' | 'plain' | 'datalake'>> = {
  territory: 'partner',
  operator: 'partner',
  dump: 'dump',
  opendata: 'plain',
  opendata2022: 'plain',
  opendata2025: 'datalake',
};

function columnsOf(format: GeneratedFormat): readonly string[] {
  return FORMAT_COLUMNS[format === 'opendata2025' ? 'opendata' : format];
}

function delimiterOf(format: GeneratedFormat): string {
  return FORMAT_DELIMITERS[format === 'opendata2025' ? 'opendata' : format];
}

/** The header line of a format, without line ending. */
export function extractHeader(format: GeneratedFormat): string {
  const style = STYLES[format];
  const quoted = style === 'partner' || style === 'datalake';
  return columnsOf(format)
    .map((column) => (quoted ? quote(column) : column))
    .join(delimiterOf(format));
}

/** `2024-04-16 08:10:00` → [`2024-04-16`, `08:10:00`]. */
function splitLocal(local: string | null): [string | null, string | null] {
  if (local === null) return [null, null];
  return [local.slice(0, 10), local.slice(11, 19)];
}

function hms(seconds: number | null): string | null {
  if (seconds === null) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** Cents → euros as a JS number (`220` → `2.2`), the way the registry divides before writing. */
const euros = (cents: number | null): number | null => (cents === null ? null : cents / 100);

/** UTC offset of a local time published with its instant: `+01:00`, or `+0100` when `compact` (2025+ files). */
function offsetOf(local: string, utc: string, compact: boolean): string {
  const minutes = Math.round((Date.parse(`${local.replace(' ', 'T')}Z`) - Date.parse(utc)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
  return compact ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/** Registry rule: coordinates are truncated, not rounded; 2020-2022 files keep 2 decimals. */
const truncate2 = (value: number | null): string | null => (value === null ? null : (Math.trunc(value * 100) / 100).toFixed(2));

function partnerCells(format: ExtractFormat, trip: TripRow, names: ExtractNames): Record<string, Cell> {
  const [startDate, startTime] = splitLocal(trip.start_local);
  const [endDate, endTime] = splitLocal(trip.end_local);
  const failed = (status: TripRow['status']): string => (trip.status === status ? 'failed' : 'passed');
  const cells: Record<string, Cell> = {
    journey_id: num(trip.journey_id),
    operator_trip_id: text(trip.operator_trip_id),
    operator_journey_id: text(trip.operator_journey_id),
    operator_class: text(trip.operator_class),
    status: text(trip.status),
    acquisition_status: text('processed'),
    fraud_status: text(failed('fraud_error')),
    anomaly_status: text(failed('anomaly_error')),
    start_datetime: text(trip.start_local),
    start_date: text(startDate),
    start_time: text(startTime),
    end_datetime: text(trip.end_local),
    end_date: text(endDate),
    end_time: text(endTime),
    duration: text(hms(trip.duration_s)),
    distance: num(trip.distance_m === null ? null : trip.distance_m / 1000),
    operator: text(names.operator(trip.operator_id)),
    operator_passenger_id: text(trip.operator_passenger_id),
    passenger_identity_key: text(trip.passenger_identity_key),
    operator_driver_id: text(trip.operator_driver_id),
    driver_identity_key: text(trip.driver_identity_key),
    driver_revenue: num(euros(trip.driver_revenue_cents)),
    passenger_contribution: num(euros(trip.passenger_contribution_cents)),
    passenger_seats: num(trip.seats),
    cee_application: bool(format === 'dump' ? trip.cee_application : trip.cee_application === 1 ? 1 : null),
    incentive_type: text('normal'),
  };
  for (const end of ['start', 'end'] as const) {
    const lookup = (level: GeoLevel, code: string | null): string | null => (code === null ? null : names.name(level, code));
    cells[`${end}_lat`] = numeric(trip[`${end}_lat`]);
    cells[`${end}_lon`] = numeric(trip[`${end}_lon`]);
    cells[`${end}_insee`] = text(trip[`${end}_insee`]);
    cells[`${end}_commune`] = text(lookup('com', trip[`${end}_insee`]));
    cells[`${end}_departement`] = text(lookup('dep', trip[`${end}_dep`]));
    cells[`${end}_epci`] = text(lookup('epci', trip[`${end}_epci`]));
    cells[`${end}_aom`] = text(lookup('aom', trip[`${end}_aom`]));
    cells[`${end}_region`] = text(lookup('reg', trip[`${end}_reg`]));
    cells[`${end}_pays`] = text(lookup('country', trip[`${end}_country`]));
  }
  for (const i of [0, 1, 2] as const) {
    const opCents = trip[`op_incentive_${i}_cents`];
    const rpcCents = trip[`rpc_incentive_${i}_cents`];
    cells[`incentive_${i}_siret`] = text(trip[`op_incentive_${i}_siret`]);
    cells[`incentive_${i}_name`] = text(trip[`op_incentive_${i}_name`]);
    cells[`incentive_${i}_amount`] = numeric(euros(opCents));
    cells[`incentive_rpc_${i}_campaign_id`] = text(trip[`rpc_incentive_${i}_campaign_id`]);
    cells[`incentive_rpc_${i}_campaign_name`] = text(trip[`rpc_incentive_${i}_campaign_name`]);
    cells[`incentive_rpc_${i}_siret`] = text(trip[`rpc_incentive_${i}_siret`]);
    cells[`incentive_rpc_${i}_name`] = text(trip[`rpc_incentive_${i}_name`]);
    cells[`incentive_rpc_${i}_amount`] = numeric(euros(rpcCents));
  }
  return cells;
}

function openDataCells(format: 'opendata' | 'opendata2022' | 'opendata2025', trip: TripRow, names: ExtractNames): Record<string, Cell> {
  const compactOffset = format === 'opendata2025';
  const cells: Record<string, Cell> = {
    journey_id: num(trip.journey_id),
    trip_id: text(trip.operator_trip_id),
    passenger_seats: num(trip.seats),
    operator_class: text(trip.operator_class),
    journey_distance: num(trip.distance_m),
    journey_duration: num(trip.duration_s === null ? null : Math.round(trip.duration_s / 60)),
    has_incentive: text(trip.rpc_incentive_0_cents === null ? 'NON' : 'OUI'),
  };
  for (const end of ['start', 'end'] as const) {
    const local = trip[`${end}_local`];
    const utc = trip[`${end}_at`];
    const [date, time] = splitLocal(local);
    const insee = trip[`${end}_insee`];
    const dep = trip[`${end}_dep`];
    const town = insee === null ? null : names.name('com', insee);
    const group = format === 'opendata2022' ? trip[`${end}_aom`] : trip[`${end}_epci`];
    const prefix = `journey_${end}`;
    cells[`${prefix}_datetime`] = text(local === null || utc === null ? null : `${date}T${time}${offsetOf(local, utc, compactOffset)}`);
    cells[`${prefix}_date`] = text(date);
    cells[`${prefix}_time`] = text(time);
    cells[`${prefix}_insee`] = text(insee);
    cells[`${prefix}_postalcode`] = text(insee === null ? null : names.postalCode(insee));
    cells[`${prefix}_department`] = text(dep);
    // 2022 files suffix the town with its département and name the AOM as towngroup; later ones name the EPCI.
    cells[`${prefix}_town`] = text(town !== null && format === 'opendata2022' ? `${town} (${dep ?? ''})` : town);
    cells[`${prefix}_towngroup`] = text(group === null ? null : names.name(format === 'opendata2022' ? 'aom' : 'epci', group));
    cells[`${prefix}_country`] = text(trip[`${end}_country`] === null ? null : names.name('country', trip[`${end}_country`] as string));
    if (format === 'opendata2022') {
      cells[`${prefix}_lat`] = { kind: 'numeric', value: truncate2(trip[`${end}_lat`]) };
      cells[`${prefix}_lon`] = { kind: 'numeric', value: truncate2(trip[`${end}_lon`]) };
    } else {
      cells[`${prefix}_lat`] = numeric(trip[`${end}_lat`]);
      cells[`${prefix}_lon`] = numeric(trip[`${end}_lon`]);
    }
  }
  return cells;
}

/**
 * One data line of `format` for a journey, without line ending, spelled as the registry writes that format
 * (units: km and € for partner exports, metres and minutes for open data; local times; see formats.ts).
 */
export function extractLine(format: GeneratedFormat, trip: TripRow, names: ExtractNames): string {
  const cells = format === 'opendata' || format === 'opendata2022' || format === 'opendata2025' ? openDataCells(format, trip, names) : partnerCells(format, trip, names);
  const style = STYLES[format];
  const delimiter = delimiterOf(format);
  return columnsOf(format)
    .map((column) => {
      const cell = cells[column];
      if (cell === undefined) throw new Error(`colonne sans valeur dans l’écriture ${format} : ${column}`);
      return spell(cell, style, delimiter);
    })
    .join(delimiter);
}

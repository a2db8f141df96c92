import { tzOffset } from '@date-fns/tz';
import { neutralizeCell } from '../../shared/util/cell-safety';
import { PARIS } from '../domain/time/paris-time';
import type { IncentiveType } from './apdf-slices';

/** One journey of an APDF « Trajets » sheet (registry incentive of one campaign, validated, amount ≥ 0). */
export interface ApdfTrip {
  journeyId: string;
  operatorJourneyId: string;
  operatorTripId: string | null;
  /** UTC ISO instants. */
  startAt: string;
  endAt: string | null;
  /** Commune (or arrondissement) names, EPCI names, arrondissement/commune INSEE codes. */
  startLocation: string | null;
  startEpci: string | null;
  startInsee: string | null;
  endLocation: string | null;
  endEpci: string | null;
  endInsee: string | null;
  durationS: number | null;
  /** Integer metres. */
  distanceM: number;
  operatorName: string;
  operatorClass: string;
  driverOperatorUserId: string | null;
  passengerOperatorUserId: string | null;
  /** Integer cents, ≥ 0 (zero-euro journeys are listed too). */
  incentiveCents: number;
  incentiveType: IncentiveType;
}

/** Headers of columns A–S, as the registry names them (its checkers read them). */
export const APDF_TRIP_HEADERS = [
  'rpc_journey_id', 'operator_journey_id', 'operator_trip_id', 'start_datetime', 'end_datetime',
  'start_location', 'start_epci', 'start_insee', 'end_location', 'end_epci', 'end_insee',
  'duration', 'distance', 'operator', 'operator_class', 'driver_operator_user_id', 'passenger_operator_user_id',
  'rpc_incentive', 'incentive_type',
] as const;

/** Widths of columns A–S, in characters. */
export const APDF_TRIP_WIDTHS = [29, 29, 29, 21, 21, 21, 32, 10, 21, 32, 10, 10, 10, 20, 20, 29, 29, 12, 12] as const;

/** 1-based numbers of the columns the summary formulas and the consistency checks read. */
export const APDF_COLUMN = { distance: 13, incentive: 18, type: 19 } as const;

export type ApdfCell = string | number | null;

/** Paris offset (minutes east of UTC) by UTC hour: Paris changes offset on the hour, so one lookup serves the hour. */
const offsetByHour = new Map<number, number>();

function parisOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offset = tzOffset(PARIS, new Date(hour * 3_600_000));
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/**
 * UTC ISO instant → `yyyy-MM-dd'T'HH:mm:ssXXX` in Europe/Paris, as the registry writes APDF dates:
 * `2024-03-01T07:12:44.500Z` → `2024-03-01T08:12:44+01:00` (seconds truncated, never rounded up).
 */
export function parisDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Date invalide dans un trajet APDF : « ${iso} ».`);
  const offset = parisOffsetMinutes(ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Seconds → `HH:MM:SS` (hours keep growing past 24). */
export function durationText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

function text(value: string | null): string | null {
  return value === null || value === '' ? null : neutralizeCell(value);
}

function upper(value: string | null): string | null {
  return text(value === null ? null : value.toUpperCase());
}

/** Values of columns A–S for one journey: ids uppercased, text neutralised, euros = cents / 100, null = empty. */
export function apdfTripCells(trip: ApdfTrip): ApdfCell[] {
  return [
    upper(trip.journeyId),
    upper(trip.operatorJourneyId),
    upper(trip.operatorTripId),
    parisDateTime(trip.startAt),
    trip.endAt === null ? null : parisDateTime(trip.endAt),
    text(trip.startLocation),
    text(trip.startEpci),
    text(trip.startInsee),
    text(trip.endLocation),
    text(trip.endEpci),
    text(trip.endInsee),
    trip.durationS === null ? null : durationText(trip.durationS),
    trip.distanceM,
    text(trip.operatorName),
    text(trip.operatorClass),
    upper(trip.driverOperatorUserId),
    upper(trip.passengerOperatorUserId),
    trip.incentiveCents / 100,
    trip.incentiveType,
  ];
}

import type { GeoLevel } from '../../../shared/campaigns/definition-types';

/** Codes of one trip end as the registry projects them: INSEE commune/arrondissement, SIREN of EPCI/AOM, ... */
export type TripPlace = Partial<Record<GeoLevel, string | null>>;

/**
 * One passenger's journey as a campaign sees it (campaigns.md §1.1): one driver–passenger pair. Money in integer
 * cents, distance in metres, `datetime` a UTC instant (Date or ISO string with offset).
 */
export interface CampaignTrip {
  datetime: Date | string;
  /** Operator-declared distance in metres. */
  distance: number;
  /** Passenger seats; 0 counts as 1 in per-seat amounts and seat counters. */
  seats: number;
  operator_class: 'A' | 'B' | 'C' | null;
  operator_uuid: string | null;
  operator_id: number | null;
  operator_journey_id: string | null;
  /** Groups the passengers of one driver trip (seat limits per operator trip). */
  operator_trip_id: string | null;
  driver_identity_key: string;
  passenger_identity_key: string;
  /** Only `false` excludes a passenger from adult-only campaigns; null means unknown. */
  passenger_is_over_18: boolean | null;
  /** Cents; null when the source does not say (counts as 0 in formulas, fails comparisons). */
  driver_revenue: number | null;
  /** Cents; null when the source does not say (counts as 0 in formulas, fails comparisons). */
  passenger_contribution: number | null;
  start: TripPlace;
  end: TripPlace;
  start_lat: number | null;
  start_lon: number | null;
  end_lat: number | null;
  end_lon: number | null;
}

/** Digits at `from`..`to` (exclusive) of a string as a number, or NaN if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * UTC milliseconds of a trip's datetime; NaN when it cannot be read. `2024-04-16T06:10:00Z` and
 * `2024-04-16T06:10:00.000Z` (the registry's and `toISOString`'s forms) are read directly: Date.parse costs
 * several times more on a million trips.
 */
export function tripTime(trip: Pick<CampaignTrip, 'datetime'>): number {
  const { datetime } = trip;
  if (typeof datetime !== 'string') return datetime.getTime();
  const length = datetime.length;
  const utcForm =
    (length === 20 || (length === 24 && datetime[19] === '.')) &&
    datetime[length - 1] === 'Z' &&
    datetime[4] === '-' &&
    datetime[7] === '-' &&
    datetime[10] === 'T' &&
    datetime[13] === ':' &&
    datetime[16] === ':';
  if (utcForm) {
    const [month, day, hours, minutes, seconds] = [digits(datetime, 5, 7), digits(datetime, 8, 10), digits(datetime, 11, 13), digits(datetime, 14, 16), digits(datetime, 17, 19)];
    const year = digits(datetime, 0, 4);
    // Date.UTC and even Date.parse roll 2023-02-29 over to 1 March: an impossible date is refused instead.
    const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hours < 24 && minutes < 60 && seconds < 60;
    return valid ? Date.UTC(year, month - 1, day, hours, minutes, seconds, length === 24 ? digits(datetime, 20, 23) : 0) : NaN;
  }
  return Date.parse(datetime);
}

/**
 * A chronologically sorted copy (the registry processes trips `ORDER BY start_datetime`); trips with the same
 * instant keep their relative order, so a run over the result is reproducible. Unreadable datetimes go last.
 */
export function sortTripsChronologically<T extends Pick<CampaignTrip, 'datetime'>>(trips: readonly T[]): T[] {
  const keyed = trips.map((trip, index) => {
    const time = tripTime(trip);
    // NaN would make the comparison inconsistent.
    return { time: Number.isNaN(time) ? Infinity : time, index };
  });
  keyed.sort((a, b) => a.time - b.time || a.index - b.index);
  return keyed.map(({ index }) => trips[index] as T);
}

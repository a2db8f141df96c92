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

/** UTC milliseconds of a trip's datetime; NaN when the string cannot be read. */
export function tripTime(trip: Pick<CampaignTrip, 'datetime'>): number {
  const { datetime } = trip;
  return typeof datetime === 'string' ? Date.parse(datetime) : datetime.getTime();
}

/**
 * A chronologically sorted copy (the registry processes trips `ORDER BY start_datetime`); trips with the same
 * instant keep their relative order, so a run over the result is reproducible.
 */
export function sortTripsChronologically<T extends Pick<CampaignTrip, 'datetime'>>(trips: readonly T[]): T[] {
  // Unreadable datetimes go last: NaN would make the comparison inconsistent.
  const keyed = trips.map((trip, index) => {
    const time = tripTime(trip);
    return { time: Number.isNaN(time) ? Infinity : time, index };
  });
  keyed.sort((a, b) => a.time - b.time || a.index - b.index);
  return keyed.map(({ index }) => trips[index] as T);
}

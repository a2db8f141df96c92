import type { TripRow } from '../trips/trip-row';

/** How serious a flag is: `info` feeds a person's score, `warning` asks for a look, `high` is likely fraud or impossible. */
export type Severity = 'info' | 'warning' | 'high';

/** Evidence values kept with a flag: measured values, thresholds, linked journey keys. */
export type EvidenceValue = number | string | boolean | string[];

/**
 * One finding of one check. A flag never edits data: the reviewer labels it later.
 * `journeyKeys` are `TripRow.natural_key`s, `persons` identity keys (or `u:<operator>:<user id>` when the key is missing).
 */
export interface CheckFlag {
  /** Versioned check id, e.g. `T01@1`. */
  checkId: string;
  severity: Severity;
  journeyKeys: string[];
  persons: string[];
  evidence: Record<string, EvidenceValue>;
}

/**
 * The fields of a journey the checks read: any `TripRow` fits. Times are the published ones (ceiled to 10 min in
 * territory extracts), `duration_s` the raw declared duration, coordinates possibly truncated.
 */
export type CheckTrip = Pick<
  TripRow,
  | 'natural_key' | 'operator_id' | 'operator_trip_id' | 'status' | 'start_at' | 'end_at' | 'start_local'
  | 'duration_s' | 'distance_m' | 'start_lat' | 'start_lon' | 'end_lat' | 'end_lon' | 'start_insee' | 'end_insee'
  | 'seats' | 'driver_identity_key' | 'passenger_identity_key' | 'operator_driver_id' | 'operator_passenger_id'
  | 'driver_revenue_cents' | 'passenger_contribution_cents'
  | 'rpc_incentive_0_cents' | 'rpc_incentive_1_cents' | 'rpc_incentive_2_cents'
>;

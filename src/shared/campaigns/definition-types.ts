/**
 * The declarative campaign definition format, version 1 (docs/campaigns-format.md). A definition is plain JSON:
 * money in integer (or decimal, for rates) euro cents, distances in metres, dates as `YYYY-MM-DD` calendar days
 * of the campaign's time zone or ISO 8601 instants with an explicit offset.
 */

/** Geographic levels of a trip end, as the registry projects them (INSEE commune, SIREN of EPCI/AOM, ...). */
export const GEO_LEVELS = ['com', 'arr', 'epci', 'aom', 'dep', 'reg', 'country'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/** A reference to a named list of the definition (`lists`), which a run may override. */
export interface ListRef {
  list: string;
}

/** Codes written inline, or the name of a list of kind `codes`. */
export type CodeList = string[] | ListRef;

/** Calendar days (`YYYY-MM-DD`) written inline, or the name of a list of kind `dates`. */
export type DateList = string[] | ListRef;

/** Codes per level; a trip end matches when its code at any listed level is in that level's list. */
export type TerritorySelector = Partial<Record<GeoLevel, CodeList>>;

/**
 * A calendar day `YYYY-MM-DD` (its start, 00:00 in the campaign's time zone) or an instant
 * `YYYY-MM-DDTHH:MM[:SS[.sss]]Z|±HH:MM`. Instants reproduce the registry's ad hoc UTC switches exactly.
 */
export type DateOrInstant = string;

/** Which end(s) of the trip a geographic test looks at. */
export type TripEnds = 'start' | 'end' | 'both' | 'either';

/** Numeric trip fields that conditions and formulas may read. Money in cents, distance in metres. */
export type NumericField = 'distance' | 'seats' | 'driver_revenue' | 'passenger_contribution';

export type Comparison = '<' | '<=' | '=' | '!=' | '>=' | '>';

/** Interval notation of a distance range: `[` / `]` include the bound, `(` / `)` exclude it. */
export type Bounds = '[]' | '[)' | '(]' | '()';

/** Eligibility condition: a tree of `all` / `any` / `not` over elementary tests. */
export type Predicate =
  | { type: 'all'; of: Predicate[] }
  | { type: 'any'; of: Predicate[] }
  | { type: 'not'; of: Predicate }
  /** Operator UUIDs or registry constant names (`KLAXIT`); `versions` gives lists in force from a date. */
  | { type: 'operator'; operators?: string[]; versions?: OperatorVersion[] }
  | { type: 'operator_class'; classes: Array<'A' | 'B' | 'C'> }
  /** Distance range in metres; a missing bound is unbounded. */
  | { type: 'distance'; min_m?: number; max_m?: number; bounds: Bounds }
  /** `in: "campaign"` is the campaign's own territory selector (possibly overridden at run time). */
  | { type: 'territory'; at: TripEnds; in: TerritorySelector | 'campaign' }
  /** Start and end share the same (known) code at this level, e.g. the same AOM. */
  | { type: 'same_code'; level: GeoLevel }
  /** Trip end coordinates inside a named shape (`shapes`); unknown coordinates are outside. */
  | { type: 'inside_shape'; at: TripEnds; shape: string }
  /** Excludes only a passenger known to be a minor (`passenger_is_over_18 === false`). */
  | { type: 'adult_passenger' }
  /** Day of the week in the campaign's time zone, 0 = Sunday ... 6 = Saturday. */
  | { type: 'weekday'; days: number[] }
  /** Calendar day in the campaign's time zone among these. */
  | { type: 'date_in'; dates: DateList }
  /** `from` <= datetime < `before`; either bound may be left out. */
  | { type: 'datetime'; from?: DateOrInstant; before?: DateOrInstant }
  /** Numeric field test; an unknown (null) field fails every comparison. */
  | { type: 'compare'; field: NumericField; op: Comparison; value: number }
  /** The condition of the latest version whose `from` <= datetime; before the first version: not eligible. */
  | { type: 'by_date'; versions: PredicateVersion[] };

export interface OperatorVersion {
  /** null: since always. */
  from: DateOrInstant | null;
  operators: string[];
}

export interface PredicateVersion {
  from: DateOrInstant | null;
  predicate: Predicate;
}

/** One distance slice of a `slices` formula; distances in metres. */
export interface Slice {
  from_m: number;
  /** Exclusive upper bound, only in `exclusive` mode (null or absent: unbounded). */
  to_m?: number | null;
  amount: Amount;
}

/** A booster: when `when` holds, the amount is multiplied by `factor` (the first matching booster only). */
export interface Booster {
  label?: string;
  when: Predicate;
  factor: number;
}

export interface AmountCase {
  when: Predicate;
  amount: Amount;
}

/**
 * Amount formula in (possibly fractional) cents; the total is rounded once, half up, to the cent. Every node may
 * carry a `label` shown in the explanation of a result.
 */
export type Amount = (
  | { type: 'fixed'; cents: number }
  /**
   * `cents_per_km` x (min(distance, to_m) - from_m) / 1000, 0 below `from_m`. `km_rounding: "round"` rounds that
   * km count to a whole number (half up) before multiplying (Occitanie).
   */
  | { type: 'per_km'; cents_per_km: number; from_m?: number; to_m?: number | null; km_rounding?: 'none' | 'round' }
  /** A money field of the trip in cents (unknown counts as 0). */
  | { type: 'field'; field: 'driver_revenue' | 'passenger_contribution' }
  | { type: 'sum'; of: Amount[] }
  | { type: 'min'; of: Amount[] }
  | { type: 'max'; of: Amount[] }
  | { type: 'scale'; factor: number; of: Amount }
  /** Multiplied by the number of seats (0 or unknown counts as 1). */
  | { type: 'per_seat'; of: Amount }
  /** `cumulative`: sum of every slice with distance >= from_m; `exclusive`: the one slice from_m <= d < to_m. */
  | { type: 'slices'; mode: 'cumulative' | 'exclusive'; slices: Slice[] }
  /** The amount of the first case whose condition holds, else `otherwise`. */
  | { type: 'choose'; cases: AmountCase[]; otherwise: Amount }
  /** Multipliers that never stack: the first booster whose condition holds applies. */
  | { type: 'boost'; of: Amount; boosters: Booster[] }
  /** max(amount, driver_revenue): the campaign pays at least what the passenger would have paid the driver. */
  | { type: 'free_ride'; of: Amount }
) & { label?: string };

export type LimitCounter = 'trips' | 'amount' | 'seats';
export type LimitTarget = 'driver' | 'passenger' | 'operator_trip' | 'campaign';
export type LimitPeriod = 'day' | 'month' | 'year' | 'campaign';

/** A cap on a counter: trips (count), amount (cents) or seats, per person / operator trip / campaign and period. */
export interface Limit {
  counter: LimitCounter;
  target: LimitTarget;
  period: LimitPeriod;
  max: number;
  /** Order of application, lowest first; defaults to the registry's priorities (docs/campaigns-format.md). */
  priority?: number;
  label?: string;
}

/** The rules in force from `from` (null: from the start) until the next version. */
export interface RuleVersion {
  from: DateOrInstant | null;
  note?: string;
  eligibility: Predicate;
  amount: Amount;
}

export interface NamedList {
  kind: 'codes' | 'dates';
  description?: string;
  values: string[];
}

/** GeoJSON Polygon or MultiPolygon, WGS84 [longitude, latitude]. */
export type Geometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface NamedShape {
  description?: string;
  geometry: Geometry;
}

export interface CampaignDefinition {
  format: 1;
  /** The registry's handler id, also the file name (`459` → `459.json`). */
  id: string;
  name: string;
  description: string;
  /**
   * `template`: a simulation model (`1`, `2`, `3`) that declares no limit and is never capped by a budget, the
   * budget given only reported (campaigns.md §5.14).
   */
  status: 'campaign' | 'template';
  /** Trips whose start or end matches are considered; `{}` accepts every trip. */
  territory: TerritorySelector;
  /** Inclusive window; a day `to` includes that whole day; null: unbounded. */
  window: { from: DateOrInstant | null; to: DateOrInstant | null };
  /** IANA time zone of the business calendar (days, months, weekdays). */
  timezone: string;
  /** Global budget in cents (the registry's `max_amount`), applied as the last limit but for templates; null: none. */
  budget_cents: number | null;
  /** Who receives the incentive; descriptive, the engine computes one amount per trip. */
  payee: 'driver' | 'passenger' | 'both';
  lists: Record<string, NamedList>;
  shapes: Record<string, NamedShape>;
  rules: RuleVersion[];
  limits: Limit[];
}

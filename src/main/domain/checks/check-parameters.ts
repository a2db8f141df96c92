/**
 * Parameters of every implemented check, with the catalogue's defaults (docs/checks.md). Units are in the names:
 * `M` metres, `S` seconds, `Kmh` km/h, `Cents` euro cents, `Ratio` 0..1, `Min` minutes, `Hour` hour of the day
 * (0..23), `Factor` a multiplier, `Percent` %. French labels and units for a settings form: `CHECK_PARAMETER_DOCS`.
 */
export interface CheckParameters {
  T01: Record<string, never>;
  T02: { termsMinDistanceM: number; campaignMinDistanceM: number };
  T03: { detourFactor: number; roadFactor: number; detourAllowanceM: number };
  T04: { highSpeedKmh: number; warnSpeedKmh: number; slowSpeedKmh: number; slowMinDistanceM: number };
  T05: { minDurationS: number; shortDurationS: number; shortMinDistanceM: number; maxDurationS: number };
  T06: { minDistanceM: number };
  /** Registry rules of the routed check (§7 T07), verbatim; runs only with a route provider. */
  T07: {
    minDistanceM: number; minDurationS: number;
    routedDurationFactor: number; declaredDurationFactor: number; routedDistanceFactor: number; declaredDistanceFactor: number;
  };
  T08: { maxSeats: number };
  T09: { maxContributionCentsPerKm: number; maxIncentiveCentsPerTrip: number };
  T10: { nightStartHour: number; nightEndHour: number };
  /** `asOf`: UTC ISO instant the extract was taken; null reads the latest start of the data. */
  T11: { pendingAfterS: number; asOf: string | null };
  H01: { maxTripsPerDay: number };
  H02: { possibleOverlapRatio: number; carCellTolerance: number };
  H03: { maxGapS: number };
  H04: { maxSpeedKmh: number; minDistanceM: number };
  H05: { warnFlipsPerDay: number; infoFlipsPerDay: number };
  H06: { minJourneysPerMonth: number; maxDistanceStdM: number; maxStartStdMin: number; sameSlotRatio: number };
  H07: { maxMonthlyIncentiveCents: number; maxTripsPerActiveDay: number };
  H08: { minJourneys: number; nightRatio: number; nightStartHour: number; nightEndHour: number };
  H09: { maxIdentityKeysPerUser: number; maxUserIdsPerIdentity: number };
  G01: { minIdentityKeys: number };
  G02: { windowDays: number; highEachWay: number };
  G03: { minMembers: number; insideRatio: number; minTripsPerActiveDay: number };
  G04: { minShare: number; minJourneysPerMonth: number };
  G05: { minExclusivePassengers: number };
  G06: Record<string, never>;
  G07: { minDrivers: number; distanceToleranceM: number; cellTolerance: number };
  G08: {
    growthMinJourneys: number; growthPercent: number; growthReferenceMonths: number;
    maxOccupancy: number; occupancyMinCarTrips: number;
    nightRatio: number; nightMinJourneys: number; nightStartHour: number; nightEndHour: number;
    statusSigmas: number; statusMinJourneys: number;
  };
  /** Declared journeys against the same person's other journeys (src/main/domain/declarations, docs/declarations.md). */
  D01: { maxSpeedKmh: number; typicalSpeedKmh: number; duplicateWindowS: number; minDistanceM: number };
}

/** Check codes (without version) that take parameters. */
export type CheckCode = keyof CheckParameters;

/** Overrides accepted by `runChecks`: any subset of any check's parameters. */
export type CheckParameterOverrides = { [K in CheckCode]?: Partial<CheckParameters[K]> };

export const DEFAULT_CHECK_PARAMETERS: Readonly<CheckParameters> = {
  T01: {},
  T02: { termsMinDistanceM: 1_000, campaignMinDistanceM: 2_000 },
  T03: { detourFactor: 4, roadFactor: 1.3, detourAllowanceM: 3_000 },
  T04: { highSpeedKmh: 130, warnSpeedKmh: 110, slowSpeedKmh: 8, slowMinDistanceM: 3_000 },
  T05: { minDurationS: 60, shortDurationS: 300, shortMinDistanceM: 2_000, maxDurationS: 3 * 3600 },
  T06: { minDistanceM: 2_000 },
  T07: {
    minDistanceM: 300, minDurationS: 60,
    routedDurationFactor: 2.5, declaredDurationFactor: 7, routedDistanceFactor: 2.5, declaredDistanceFactor: 4,
  },
  T08: { maxSeats: 4 },
  T09: { maxContributionCentsPerKm: 60, maxIncentiveCentsPerTrip: 600 },
  T10: { nightStartHour: 22, nightEndHour: 5 },
  T11: { pendingAfterS: 48 * 3600, asOf: null },
  H01: { maxTripsPerDay: 4 },
  H02: { possibleOverlapRatio: 0.7, carCellTolerance: 1 },
  H03: { maxGapS: 30 * 60 },
  H04: { maxSpeedKmh: 130, minDistanceM: 5_000 },
  H05: { warnFlipsPerDay: 2, infoFlipsPerDay: 1 },
  H06: { minJourneysPerMonth: 10, maxDistanceStdM: 200, maxStartStdMin: 10, sameSlotRatio: 0.8 },
  H07: { maxMonthlyIncentiveCents: 15_000, maxTripsPerActiveDay: 3 },
  H08: { minJourneys: 10, nightRatio: 0.5, nightStartHour: 22, nightEndHour: 5 },
  H09: { maxIdentityKeysPerUser: 1, maxUserIdsPerIdentity: 2 },
  G01: { minIdentityKeys: 2 },
  G02: { windowDays: 30, highEachWay: 3 },
  G03: { minMembers: 3, insideRatio: 0.8, minTripsPerActiveDay: 3 },
  G04: { minShare: 0.8, minJourneysPerMonth: 20 },
  G05: { minExclusivePassengers: 5 },
  G06: {},
  G07: { minDrivers: 3, distanceToleranceM: 50, cellTolerance: 1 },
  G08: {
    growthMinJourneys: 500, growthPercent: 100, growthReferenceMonths: 3,
    maxOccupancy: 3, occupancyMinCarTrips: 100,
    nightRatio: 0.5, nightMinJourneys: 100, nightStartHour: 22, nightEndHour: 5,
    statusSigmas: 2, statusMinJourneys: 100,
  },
  D01: { maxSpeedKmh: 130, typicalSpeedKmh: 50, duplicateWindowS: 30 * 60, minDistanceM: 5_000 },
};

/** Defaults with the given overrides applied, check by check. */
export function resolveParameters(overrides: CheckParameterOverrides = {}): CheckParameters {
  const out = { ...DEFAULT_CHECK_PARAMETERS } as Record<CheckCode, unknown>;
  for (const code of Object.keys(overrides) as CheckCode[]) {
    out[code] = { ...DEFAULT_CHECK_PARAMETERS[code], ...overrides[code] };
  }
  return out as CheckParameters;
}

import type { ScanScope } from '../../shared/types/reviews';
import { resolveParameters, type CheckFlag, type CheckParameterOverrides, type CheckTrip } from '../domain/checks';
import { declaredConflicts, type DeclaredJourney } from '../domain/declarations/declared-conflict-check';
import { readScanDeclarations, type ScanDeclarationRow } from '../db/declaration-source';
import type { SqlExecutor } from '../db/sql-executor';

/** What D01 adds to a scan: its flags, the declared journeys in the scan's scope, and each one's local day. */
export interface DeclarationScan {
  flags: CheckFlag[];
  /** Natural keys of the declared journeys in scope: a flag linking one of them is kept by a scoped scan. */
  inScope: Set<string>;
  /** Local day (`YYYY-MM-DD`) of each declared journey, by natural key (the first and last day of its flags). */
  days: Map<string, string>;
}

/** A point of a declared journey's end with its radius, or null when none was known at its import. */
const point = (lat: number | null, lon: number | null, radius: number | null) => (lat === null || lon === null ? null : { lat, lon, slackM: radius ?? 0 });

function declaredJourney(row: ScanDeclarationRow): DeclaredJourney {
  return {
    key: row.natural_key, declarant: row.declarant_id, person: row.person_key, role: row.role, startS: Date.parse(row.start_at) / 1000, startAt: row.start_at,
    day: row.start_local.slice(0, 10), distanceM: row.distance_m, startInsee: row.start_insee, startCom: row.start_com, endInsee: row.end_insee, endCom: row.end_com,
    start: point(row.start_lat, row.start_lon, row.start_radius_m), end: point(row.end_lat, row.end_lon, row.end_radius_m),
  };
}

/**
 * Runs D01 (declared journeys in conflict, docs/declarations.md) in a scan: the declared journeys of its read window
 * against each other and against the registry journeys the scan read (`trips`), with the saved parameters.
 */
export async function scanDeclarations(
  db: SqlExecutor,
  scope: ScanScope,
  window: { from: string; to: string } | null,
  trips: readonly CheckTrip[],
  overrides: CheckParameterOverrides,
): Promise<DeclarationScan> {
  const rows = await readScanDeclarations(db, scope, window);
  return {
    flags: rows.length === 0 ? [] : declaredConflicts(rows.map(declaredJourney), trips, resolveParameters(overrides).D01),
    inScope: new Set(rows.filter((row) => row.in_scope === 1).map((row) => row.natural_key)),
    days: new Map(rows.map((row) => [row.natural_key, row.start_local.slice(0, 10)])),
  };
}

import type { ScanScope } from '../../shared/types/reviews';
import type { DeclaredCountQuery } from '../../shared/types/declarations';
import type { DeclaredDayRow } from '../domain/declarations/declared-figures';
import { LEVEL_COLUMNS, periodSql } from './level-columns';
import { personSql, userPersonSql } from './person-sql';
import { scopeSql } from './scan-source';
import type { SqlExecutor } from './sql-executor';

/**
 * What the declaration module reads from the store, for the import worker and the main thread alike
 * (docs/declarations.md): the declarations already recorded, the registry journeys of the persons they name, the
 * communes' points, and the declared journeys a scan, an attestation or the statistics' separate series count.
 * Declared journeys are read from `declared_trips` (or `declared_trips_geo` for territories) only: nothing here adds
 * them to what reads `trips`.
 */

/** IN lists are bound this many values at a time (SQLite's bound-variable limit is far above). */
const CHUNK = 500;

/** Registry journeys an attestation would count as proven: status `ok`, or none (extracts without one). */
const VALIDATED_SQL = "(t.status = 'ok' OR t.status IS NULL)";

/** `(?, ?, …)` for `count` values. */
const marks = (count: number): string => `(${Array.from({ length: count }, () => '?').join(', ')})`;

/**
 * A text that changes whenever a declaration is recorded (`declared_trips` only grows): read when an import's rows
 * are checked and again in the transaction that writes them, so that declarations recorded in between (another
 * window, the command line) fail the import instead of slipping past its duplicate and conflict rules.
 */
export async function declarationsToken(db: SqlExecutor): Promise<string> {
  const [row] = await db.all<{ token: string }>("SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) AS token FROM declared_trips");
  return row?.token ?? '0:0';
}

/** A declaration already recorded, as the import's rules compare them. */
export interface StoredDeclarationRow {
  natural_key: string;
  declarant_id: string;
  person_key: string | null;
  start_at: string;
  start_local: string;
  distance_m: number;
}

/**
 * The declarations departing on the local days `from`–`to` (inclusive), by departure and id (the order SQLite's
 * `start_local` index gives, written out so that PostgreSQL gives it too: the import's rules report the first match).
 */
export function storedDeclarationsBetween(db: SqlExecutor, from: string, to: string): Promise<StoredDeclarationRow[]> {
  const period = periodSql(from, to);
  return db.all<StoredDeclarationRow>(
    `SELECT t.natural_key, t.declarant_id, t.person_key, t.start_at, t.start_local, t.distance_m FROM declared_trips t WHERE ${period.sql} ORDER BY t.start_local, t.id`,
    period.bindings,
  );
}

/** A registry journey of a person a declaration names, as the import's rules compare them. */
export interface PersonJourneyRow {
  natural_key: string;
  /** The person keys of its two sides (identity key, else `u:<operator id>:<user id>`). */
  driver: string | null;
  passenger: string | null;
  start_at: string;
  end_at: string | null;
  duration_s: number | null;
  start_local: string;
  start_com: string | null;
  end_com: string | null;
}

/**
 * The validated registry journeys (committed imports) of some persons, departing on the local days `from`–`to`,
 * found through the identity-key indexes and, for `u:` keys, the partial indexes on operators' user ids. By UTC
 * start, then natural key: the import's rules report the first match, and each engine finds them in its own order.
 */
export async function registryJourneysOf(db: SqlExecutor, persons: readonly string[], from: string, to: string): Promise<PersonJourneyRow[]> {
  const period = periodSql(from, to);
  const found = new Map<string, PersonJourneyRow>();
  for (let offset = 0; offset < persons.length; offset += CHUNK) {
    const chunk = persons.slice(offset, offset + CHUNK);
    const keys = chunk.filter((person) => !person.startsWith('u:'));
    const users = chunk.filter((person) => person.startsWith('u:'));
    const sides = (['driver', 'passenger'] as const).flatMap((side) => [
      ...(keys.length > 0 ? [{ sql: `t.${side}_identity_key IN ${marks(keys.length)}`, bindings: keys }] : []),
      ...(users.length > 0 ? [{ sql: `(t.${side}_identity_key IS NULL AND ${userPersonSql(side, 't.', db.engine)} IN ${marks(users.length)})`, bindings: users }] : []),
    ]);
    for (const side of sides) {
      const rows = await db.all<PersonJourneyRow>(
        `SELECT t.natural_key, ${personSql('driver', db.engine)} AS driver, ${personSql('passenger', db.engine)} AS passenger, t.start_at, t.end_at, t.duration_s, t.start_local,
           t.start_com, t.end_com
         FROM committed_trips t WHERE ${side.sql} AND ${period.sql} AND ${VALIDATED_SQL}`,
        [...side.bindings, ...period.bindings],
      );
      for (const row of rows) found.set(row.natural_key, row);
    }
  }
  return [...found.values()].sort((a, b) => (a.start_at === b.start_at ? (a.natural_key < b.natural_key ? -1 : 1) : a.start_at < b.start_at ? -1 : 1));
}

/** The stored points of some communes: from imported commune contours, then the map's journey medians. */
export interface CommunePointRow {
  code: string;
  lat: number;
  lon: number;
  source: 'contour' | 'place';
}

/**
 * Points of communes (INSEE codes, arrondissements included) the store knows: the representative point of an
 * imported commune contour (`map_contours`, level `com`), else the median of the commune's journey ends kept with the
 * map aggregates (`map_place`). Codes without either are absent.
 */
export async function communePoints(db: SqlExecutor, codes: readonly string[]): Promise<CommunePointRow[]> {
  const rows: CommunePointRow[] = [];
  for (let offset = 0; offset < codes.length; offset += CHUNK) {
    const chunk = codes.slice(offset, offset + CHUNK);
    rows.push(
      ...(await db.all<CommunePointRow>(
        `SELECT code, lat, lon, 'contour' AS source FROM map_contours WHERE level = 'com' AND code IN ${marks(chunk.length)}
         UNION ALL SELECT insee, lat, lon, 'place' FROM map_place WHERE insee IN ${marks(chunk.length)}`,
        [...chunk, ...chunk],
      )),
    );
  }
  return rows;
}

/** The points of départements imported with contours (`map_contours`, level `dep`), by code. */
export function departementPoints(db: SqlExecutor): Promise<Array<{ code: string; lat: number; lon: number }>> {
  return db.all("SELECT code, lat, lon FROM map_contours WHERE level = 'dep'");
}

/** A declared journey as the D01 check reads it (`declared_trips` columns). */
export interface ScanDeclarationRow {
  id: number;
  natural_key: string;
  declarant_id: string;
  person_key: string | null;
  role: 'driver' | 'passenger';
  start_at: string;
  start_local: string;
  distance_m: number;
  start_com: string | null;
  end_com: string | null;
  start_insee: string;
  end_insee: string;
  start_lat: number | null;
  start_lon: number | null;
  start_radius_m: number | null;
  end_lat: number | null;
  end_lon: number | null;
  end_radius_m: number | null;
  /** 1 when in the scan's scope (period and territory), else 0. */
  in_scope: 0 | 1;
}

/**
 * The declared journeys of a scan's read window (local days, inclusive; null: all of them), each marked in or out of
 * its scope with the same period and territory rules as registry journeys (`declared_trips_geo` has the same
 * columns).
 */
export function readScanDeclarations(db: SqlExecutor, scope: ScanScope, window: { from: string; to: string } | null): Promise<ScanDeclarationRow[]> {
  const inScope = scopeSql(scope);
  const read = window ? periodSql(window.from, window.to) : { sql: '1 = 1', bindings: [] };
  return db.all<ScanDeclarationRow>(
    `SELECT t.id, t.natural_key, t.declarant_id, t.person_key, t.role, t.start_at, t.start_local, t.distance_m, t.start_com, t.end_com, t.start_insee,
       t.end_insee, t.start_lat, t.start_lon, t.start_radius_m, t.end_lat, t.end_lon, t.end_radius_m, CASE WHEN ${inScope.sql} THEN 1 ELSE 0 END AS in_scope
     FROM declared_trips_geo t WHERE ${read.sql} ORDER BY t.start_at, t.id`,
    [...inScope.bindings, ...read.bindings],
  );
}

/** SQL (on `declared_trips_geo` aliased `t`) of the declared journeys of a scan's scope, for retiring their flags. */
export function declaredScopeSql(scope: ScanScope): { sql: string; bindings: string[] } {
  const inScope = scopeSql(scope);
  return { sql: `SELECT t.natural_key FROM declared_trips_geo t WHERE ${inScope.sql}`, bindings: inScope.bindings };
}

/**
 * The declared journeys naming a person (the carpooler's person key given with them: identity key, or `u:<operator
 * id>:<pseudonym>`) over a period of local days (inclusive), per role and day.
 */
export async function declaredDayRows(db: SqlExecutor, personKey: string, period: { from: string; to: string }): Promise<DeclaredDayRow[]> {
  const rows = await db.all<{ role: 'driver' | 'passenger'; day: string; journeys: number; distance_m: number }>(
    `SELECT t.role, substr(t.start_local, 1, 10) AS day, COUNT(*) AS journeys, SUM(t.distance_m) AS distance_m FROM declared_trips t
     WHERE t.person_key = ? AND substr(t.start_local, 1, 10) BETWEEN ? AND ? GROUP BY t.role, day ORDER BY day, t.role`,
    [personKey, period.from, period.to],
  );
  return rows.map((row) => ({ role: row.role, day: row.day, journeys: row.journeys, distanceM: row.distance_m }));
}

/** The declared journeys of a territory and period, the statistics' way (direction on the ends' level columns). */
export async function declaredCount(db: SqlExecutor, query: DeclaredCountQuery): Promise<{
  journeys: number; as_driver: number; as_passenger: number; declarants: number; distance_m: number; estimated: number;
}> {
  const [start, end] = LEVEL_COLUMNS[query.level];
  const where = {
    from: `t.${start} = ?`,
    to: `t.${end} = ?`,
    intra: `t.${start} = ? AND t.${end} = ?`,
    both: `(t.${start} = ? OR t.${end} = ?)`,
  }[query.direction];
  const codes = query.direction === 'from' || query.direction === 'to' ? [query.code] : [query.code, query.code];
  const period = periodSql(query.from, query.to);
  const [row] = await db.all<{ journeys: number; as_driver: number; as_passenger: number; declarants: number; distance_m: number; estimated: number }>(
    `SELECT COUNT(*) AS journeys, COALESCE(SUM(CASE WHEN t.role = 'driver' THEN 1 ELSE 0 END), 0) AS as_driver,
       COALESCE(SUM(CASE WHEN t.role = 'passenger' THEN 1 ELSE 0 END), 0) AS as_passenger,
       COUNT(DISTINCT t.declarant_id) AS declarants, COALESCE(SUM(t.distance_m), 0) AS distance_m, COALESCE(SUM(t.distance_estimated), 0) AS estimated
     FROM declared_trips_geo t WHERE ${where} AND ${period.sql}`,
    [...codes, ...period.bindings],
  );
  return row ?? { journeys: 0, as_driver: 0, as_passenger: 0, declarants: 0, distance_m: 0, estimated: 0 };
}

import { LEVEL_COLUMNS } from './level-columns';
import { personSql } from './person-sql';
import { AT_RISK_SQL, SEVERITY_RANK_SQL } from './repositories/review-sql';
import type { SqlExecutor } from './sql-executor';

/** The flags to summarise again (`review_summary_dirty`, filled by triggers), and the journeys and persons they cite. */
const DIRTY = 'SELECT flag_id FROM review_summary_dirty';
const DIRTY_JOURNEYS = `SELECT natural_key FROM check_flag_journeys WHERE flag_id IN (${DIRTY})`;
const DIRTY_PERSONS = `SELECT person FROM check_flag_persons WHERE flag_id IN (${DIRTY})`;

const RANK = SEVERITY_RANK_SQL('f.severity');
/** A journey's columns the queue sorts and filters on, as the summaries copy them (`at_risk` first, computed). */
const JOURNEY_COLUMNS = ['at_risk', 'operator_id', 'start_local', 'status', ...Object.values(LEVEL_COLUMNS).flat()];
const PERSON_TABLES = ['review_person_checks', 'review_person_journey_checks', 'review_person_journeys', 'review_persons'];

/** Distinct check ids (comma separated) of the flags of at least `rank` severity among `f`, null when none. */
const checksFrom = (rank: number): string => `group_concat(DISTINCT CASE WHEN ${RANK} >= ${rank} THEN f.check_id END)`;

/**
 * Statements summarising again, from the current flags and the journeys (`trips`), the journeys and persons of the
 * dirty flags (`all`: every journey and person, when every current flag is dirty, as after a whole-store scan). In
 * order: a journey's summary before the persons' that read it. Each removes the rows of those journeys or persons,
 * then inserts what the current flags give (nothing when no current flag is left), in the order of the table's key
 * (appending to a B-tree costs less than inserting all over it).
 */
function refreshStatements(all: boolean): string[] {
  const journeysIn = (column: string): string => (all ? '' : ` AND ${column} IN (${DIRTY_JOURNEYS})`);
  const personsIn = (column: string): string => (all ? '' : ` AND ${column} IN (${DIRTY_PERSONS})`);
  // A DELETE without WHERE empties a table at once.
  const remove = (table: string, where: string): string => (all ? `DELETE FROM ${table}` : `DELETE FROM ${table} WHERE ${where}`);
  return [
    remove('review_journey_checks', `trip_id IN (SELECT trip_id FROM review_journeys WHERE natural_key IN (${DIRTY_JOURNEYS}))`),
    remove('review_journeys', `natural_key IN (${DIRTY_JOURNEYS})`),
    // Journeys missing from `trips` are left out, as the queue always left them.
    `INSERT INTO review_journeys (trip_id, natural_key, severity, checks, checks_warning, checks_high, ${JOURNEY_COLUMNS.join(', ')}, driver, passenger)
     SELECT t.id, t.natural_key, fl.severity, fl.checks, fl.checks_warning, fl.checks_high, ${AT_RISK_SQL},
       ${JOURNEY_COLUMNS.slice(1).map((column) => `t.${column}`).join(', ')}, ${personSql('driver')}, ${personSql('passenger')}
     FROM (SELECT fj.natural_key, MAX(${RANK}) AS severity, group_concat(DISTINCT f.check_id) AS checks, ${checksFrom(2)} AS checks_warning, ${checksFrom(3)} AS checks_high
           FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id
           WHERE f.current = 1${journeysIn('fj.natural_key')} GROUP BY fj.natural_key) fl
     JOIN trips t ON t.natural_key = fl.natural_key ORDER BY t.id`,
    `INSERT INTO review_journey_checks (trip_id, check_id, severity)
     SELECT j.trip_id, f.check_id, MAX(${RANK}) FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id
     JOIN review_journeys j ON j.natural_key = fj.natural_key
     WHERE f.current = 1${journeysIn('fj.natural_key')} GROUP BY f.check_id, j.trip_id ORDER BY f.check_id, j.trip_id`,
    ...PERSON_TABLES.map((table) => remove(table, `person IN (${DIRTY_PERSONS})`)),
    `INSERT INTO review_person_checks (person, check_id, severity)
     SELECT fp.person, f.check_id, MAX(${RANK}) FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id
     WHERE f.current = 1${personsIn('fp.person')} GROUP BY f.check_id, fp.person ORDER BY f.check_id, fp.person`,
    // A person's flagged journeys: those its flags link where it drives or rides.
    `INSERT INTO review_person_journey_checks (person, trip_id, check_id, severity)
     SELECT fp.person, j.trip_id, f.check_id, MAX(${RANK})
     FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id JOIN check_flag_journeys fj ON fj.flag_id = f.id
     JOIN review_journeys j ON j.natural_key = fj.natural_key
     WHERE f.current = 1${personsIn('fp.person')} AND (j.driver = fp.person OR j.passenger = fp.person)
     GROUP BY f.check_id, fp.person, j.trip_id ORDER BY f.check_id, fp.person, j.trip_id`,
    `INSERT INTO review_person_journeys (person, trip_id, severity, ${JOURNEY_COLUMNS.join(', ')})
     SELECT c.person, c.trip_id, MAX(c.severity), ${JOURNEY_COLUMNS.map((column) => `j.${column}`).join(', ')}
     FROM review_person_journey_checks c JOIN review_journeys j ON j.trip_id = c.trip_id
     WHERE 1${personsIn('c.person')} GROUP BY c.person, c.trip_id ORDER BY c.person, c.trip_id`,
    `INSERT INTO review_persons (person, severity, checks, checks_warning, checks_high, journeys, at_risk, operators)
     SELECT pc.person, pc.severity, pc.checks, pc.checks_warning, pc.checks_high, COALESCE(pt.journeys, 0), COALESCE(pt.at_risk, 0), pt.operators
     FROM (SELECT person, MAX(severity) AS severity, group_concat(check_id) AS checks,
             group_concat(CASE WHEN severity >= 2 THEN check_id END) AS checks_warning, group_concat(CASE WHEN severity >= 3 THEN check_id END) AS checks_high
           FROM review_person_checks WHERE 1${personsIn('person')} GROUP BY person) pc
     LEFT JOIN (SELECT l.person, COUNT(*) AS journeys, SUM(l.at_risk) AS at_risk, group_concat(DISTINCT o.name) AS operators
                FROM review_person_journeys l LEFT JOIN operators o ON o.id = l.operator_id
                WHERE 1${personsIn('l.person')} GROUP BY l.person) pt ON pt.person = pc.person`,
    'DELETE FROM review_summary_dirty',
  ];
}

/** Pages of SQLite's cache while summarising (negative: KiB): the lookups into `trips` and the summaries' indexes. */
const REFRESH_CACHE_KIB = 131_072;

/**
 * Summarises again the journeys and persons of the dirty flags (docs/review.md, « File de revue »): those a scan
 * retired or stored, and those linking a journey whose summarised columns changed. Runs in the caller's transaction:
 * the scan's, so that its flags and their summaries are stored together. A larger page cache while it runs (the
 * connection's own is restored after) spares most of the reads a whole-store summary would make again.
 */
export async function refreshReviewSummaries(tx: SqlExecutor): Promise<void> {
  const [state] = await tx.all<{ all: number; cache: number }>(
    `SELECT NOT EXISTS (SELECT 1 FROM check_flags WHERE current = 1 AND id NOT IN (${DIRTY})) AS "all", (SELECT cache_size FROM pragma_cache_size) AS cache`,
  );
  await tx.exec(`PRAGMA cache_size = -${REFRESH_CACHE_KIB}`);
  try {
    for (const statement of refreshStatements(state?.all === 1)) await tx.run(statement);
  } finally {
    await tx.exec(`PRAGMA cache_size = ${state?.cache ?? -2000}`);
  }
}

/**
 * Brings the summaries up to date before the queue reads them: a journey changed by an import since the last scan
 * (its incentives, status, territory…) is summarised again, in a transaction of its own. Nothing to do, nothing written.
 */
export async function reviewSummariesUpToDate(db: SqlExecutor): Promise<void> {
  const [pending] = await db.all<{ n: number }>(`SELECT EXISTS (${DIRTY}) AS n`);
  if (pending?.n) await db.transaction((tx) => refreshReviewSummaries(tx));
}

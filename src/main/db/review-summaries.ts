import { LEVEL_COLUMNS } from './level-columns';
import { personSql } from './person-sql';
import { AT_RISK_SQL, CHECK_BIT_SQL, DEFAULT_VIEW, OPERATOR_NAMES_SQL, RESTATES_REGISTRY_SQL, SEVERITY_RANK_SQL, viewSql } from './repositories/review-sql';
import type { SqlExecutor } from './sql-executor';
import type { SqlEngine } from './store-address';

/** The flags to summarise again (`review_summary_dirty`, filled by triggers), and the journeys and persons they cite. */
const DIRTY = 'SELECT flag_id FROM review_summary_dirty';
const DIRTY_JOURNEYS = `SELECT natural_key FROM check_flag_journeys WHERE flag_id IN (${DIRTY})`;
const DIRTY_PERSONS = `SELECT person FROM check_flag_persons WHERE flag_id IN (${DIRTY})`;

const RANK = SEVERITY_RANK_SQL('f.severity');
/** A journey's columns the queue sorts and filters on, as the summaries copy them (`at_risk` first, computed). */
const JOURNEY_COLUMNS = ['at_risk', 'operator_id', 'start_local', 'status', ...Object.values(LEVEL_COLUMNS).flat()];
const PERSON_TABLES = ['review_person_checks', 'review_person_journey_checks', 'review_person_journeys', 'review_persons'];
const RANKS = [1, 2, 3] as const;

/**
 * The mask columns of a subject (`own_1`… `reg_n3`, see the migration `202612071230_review_queue_groups`), aggregated
 * from its rows per check aliased `c` (`check_id`, `registry`, `severity`): the codes of each kind from each rank up
 * (a sum of distinct single bits is their union), and how many.
 */
const masksSql = (engine: SqlEngine): string =>
  (['own', 'reg'] as const).flatMap((kind) =>
    RANKS.flatMap((rank) => {
      const bit = `CASE WHEN c.registry = ${kind === 'own' ? 0 : 1} AND c.severity >= ${rank} THEN ${CHECK_BIT_SQL('c.check_id', engine)} END`;
      return [`COALESCE(SUM(DISTINCT ${bit}), 0) AS ${kind}_${rank}`, `COUNT(DISTINCT ${bit}) AS ${kind}_n${rank}`];
    }),
  ).join(', ');
const MASK_COLUMNS = (['own', 'reg'] as const).flatMap((kind) => RANKS.flatMap((rank) => [`${kind}_${rank}`, `${kind}_n${rank}`]));
/** The queue's order when nothing narrows it, from the mask columns of a subquery aliased `m`. */
const DEFAULT_ORDER = viewSql('m', DEFAULT_VIEW);
const RANKED = `${MASK_COLUMNS.map((column) => `m.${column}`).join(', ')}, ${DEFAULT_ORDER.group}, ${DEFAULT_ORDER.severity}, ${DEFAULT_ORDER.count}`;
const RANKED_COLUMNS = `${MASK_COLUMNS.join(', ')}, grp, severity, check_count`;

/**
 * Statements summarising again, from the current flags and the journeys (`trips`), the journeys and persons of the
 * dirty flags (`all`: every journey and person, when every current flag is dirty, as after a whole-store scan). In
 * order: a journey's checks, then its summary, before the persons' that read them. Each removes the rows of those
 * journeys or persons, then inserts what the current flags give (nothing when no current flag is left), in the
 * order of the table's key (appending to a B-tree costs less than inserting all over it). PostgreSQL empties the
 * tables with DELETE too: TRUNCATE would lock out the queue's readers until the scan commits.
 */
function refreshStatements(all: boolean, engine: SqlEngine): string[] {
  const journeysIn = (column: string): string => (all ? '' : ` AND ${column} IN (${DIRTY_JOURNEYS})`);
  const personsIn = (column: string): string => (all ? '' : ` AND ${column} IN (${DIRTY_PERSONS})`);
  // A DELETE without WHERE empties a table at once.
  const remove = (table: string, where: string): string => (all ? `DELETE FROM ${table}` : `DELETE FROM ${table} WHERE ${where}`);
  const masks = masksSql(engine);
  // A person's journey, grouped on by the summary's key on PostgreSQL: it then takes the journey's other columns as
  // given by the key (SQLite takes them from any row of the group: they are the same).
  const trip = engine === 'postgres' ? 'j.trip_id' : 'c.trip_id';
  return [
    remove('review_journey_checks', `trip_id IN (SELECT trip_id FROM review_journeys WHERE natural_key IN (${DIRTY_JOURNEYS}))`),
    remove('review_journeys', `natural_key IN (${DIRTY_JOURNEYS})`),
    // Journeys missing from `trips` are left out, as the queue always left them.
    `INSERT INTO review_journey_checks (check_id, trip_id, registry, severity)
     SELECT f.check_id, t.id, ${RESTATES_REGISTRY_SQL('f', engine)} AS registry, MAX(${RANK}) FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id
     JOIN trips t ON t.natural_key = fj.natural_key
     WHERE f.current = 1${journeysIn('fj.natural_key')} GROUP BY f.check_id, t.id, registry ORDER BY f.check_id, t.id, registry`,
    `INSERT INTO review_journeys (trip_id, natural_key, ${RANKED_COLUMNS}, ${JOURNEY_COLUMNS.join(', ')}, driver, passenger)
     SELECT t.id, t.natural_key, ${RANKED}, ${AT_RISK_SQL}, ${JOURNEY_COLUMNS.slice(1).map((column) => `t.${column}`).join(', ')},
       ${personSql('driver', engine)}, ${personSql('passenger', engine)}
     FROM (SELECT c.trip_id, ${masks} FROM review_journey_checks c
           WHERE 1 = 1${all ? '' : ` AND c.trip_id IN (SELECT id FROM trips WHERE natural_key IN (${DIRTY_JOURNEYS}))`} GROUP BY c.trip_id) m
     JOIN trips t ON t.id = m.trip_id ORDER BY t.id`,
    ...PERSON_TABLES.map((table) => remove(table, `person IN (${DIRTY_PERSONS})`)),
    `INSERT INTO review_person_checks (check_id, person, registry, severity)
     SELECT f.check_id, fp.person, ${RESTATES_REGISTRY_SQL('f', engine)} AS registry, MAX(${RANK}) FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id
     WHERE f.current = 1${personsIn('fp.person')} GROUP BY f.check_id, fp.person, registry ORDER BY f.check_id, fp.person, registry`,
    // A person's flagged journeys: those its flags link where it drives or rides.
    `INSERT INTO review_person_journey_checks (person, trip_id, check_id, severity)
     SELECT fp.person, j.trip_id, f.check_id, MAX(${RANK})
     FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id JOIN check_flag_journeys fj ON fj.flag_id = f.id
     JOIN review_journeys j ON j.natural_key = fj.natural_key
     WHERE f.current = 1${personsIn('fp.person')} AND (j.driver = fp.person OR j.passenger = fp.person)
     GROUP BY f.check_id, fp.person, j.trip_id ORDER BY f.check_id, fp.person, j.trip_id`,
    `INSERT INTO review_person_journeys (person, trip_id, codes_1, codes_2, codes_3, ${JOURNEY_COLUMNS.join(', ')})
     SELECT c.person, ${trip}, ${RANKS.map((rank) => `COALESCE(SUM(DISTINCT CASE WHEN c.severity >= ${rank} THEN ${CHECK_BIT_SQL('c.check_id', engine)} END), 0)`).join(', ')},
       ${JOURNEY_COLUMNS.map((column) => `j.${column}`).join(', ')}
     FROM review_person_journey_checks c JOIN review_journeys j ON j.trip_id = c.trip_id
     WHERE 1 = 1${personsIn('c.person')} GROUP BY c.person, ${trip} ORDER BY c.person, ${trip}`,
    `INSERT INTO review_persons (person, ${RANKED_COLUMNS}, journeys, at_risk, operators)
     SELECT m.person, ${RANKED}, COALESCE(pt.journeys, 0), COALESCE(pt.at_risk, 0), pt.operators
     FROM (SELECT c.person, ${masks} FROM review_person_checks c WHERE 1 = 1${personsIn('c.person')} GROUP BY c.person) m
     LEFT JOIN (SELECT l.person, COUNT(*) AS journeys, SUM(l.at_risk) AS at_risk, ${OPERATOR_NAMES_SQL(engine)} AS operators
                FROM review_person_journeys l LEFT JOIN operators o ON o.id = l.operator_id
                WHERE 1 = 1${personsIn('l.person')} GROUP BY l.person) pt ON pt.person = m.person
     ORDER BY m.person`,
    'DELETE FROM review_summary_dirty',
  ];
}

/** Pages of SQLite's cache while summarising (negative: KiB): the lookups into `trips` and the summaries' indexes. */
const REFRESH_CACHE_KIB = 131_072;

/** Whether every current flag is dirty (then every summary is rebuilt), 1 or 0. */
const ALL_DIRTY_SQL = `CASE WHEN NOT EXISTS (SELECT 1 FROM check_flags WHERE current = 1 AND id NOT IN (${DIRTY})) THEN 1 ELSE 0 END`;

/**
 * Summarises again the journeys and persons of the dirty flags (docs/review.md, « File de revue »): those a scan
 * retired or stored, and those linking a journey whose summarised columns changed. Runs in the caller's transaction:
 * the scan's, so that its flags and their summaries are stored together. On SQLite, a larger page cache while it
 * runs (the connection's own is restored after) spares most of the reads a whole-store summary would make again.
 * On PostgreSQL, where writers do not wait for each other at BEGIN, the dirty list is locked first (readers still
 * read it): flags marked dirty by another writer meanwhile would otherwise be cleared unsummarised, and two
 * refreshes would insert the same rows.
 */
export async function refreshReviewSummaries(tx: SqlExecutor): Promise<void> {
  if (tx.engine === 'postgres') {
    await tx.exec('LOCK TABLE review_summary_dirty IN EXCLUSIVE MODE');
    const [state] = await tx.all<{ all: number }>(`SELECT ${ALL_DIRTY_SQL} AS "all"`);
    for (const statement of refreshStatements(state?.all === 1, 'postgres')) await tx.run(statement);
    return;
  }
  const [state] = await tx.all<{ all: number; cache: number }>(`SELECT ${ALL_DIRTY_SQL} AS "all", (SELECT cache_size FROM pragma_cache_size) AS cache`);
  await tx.exec(`PRAGMA cache_size = -${REFRESH_CACHE_KIB}`);
  try {
    for (const statement of refreshStatements(state?.all === 1, 'sqlite')) await tx.run(statement);
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

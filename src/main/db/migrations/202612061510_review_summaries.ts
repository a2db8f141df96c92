import type { Knex } from 'knex';
import { LEVEL_COLUMNS } from '../level-columns';
import { createPostgresTrigger, dropTrigger, onPostgres, tableSql } from './engine';

/**
 * Columns of `trips` the review summaries are computed from (db/review-summaries.ts): the incentives at risk, the
 * queue's filters (operator, local start, status, territory) and the person keys.
 */
const SUMMARY_COLUMNS = [
  'natural_key', ...[0, 1, 2].flatMap((i) => [`rpc_incentive_${i}_cents`, `op_incentive_${i}_cents`]), 'operator_id', 'start_local', 'status',
  ...Object.values(LEVEL_COLUMNS).flat(), 'driver_identity_key', 'passenger_identity_key', 'operator_driver_id', 'operator_passenger_id',
];

/** A journey's columns the queue sorts and filters on (its incentives at risk in cents), as the summaries copy them. */
const JOURNEY_COLUMNS_SQL = [
  'at_risk INTEGER NOT NULL', 'operator_id INTEGER', 'start_local TEXT NOT NULL', 'status TEXT', ...Object.values(LEVEL_COLUMNS).flat().map((column) => `${column} TEXT`),
].join(', ');

/** Marks the current flags linking a journey (`row`: NEW or OLD in a trigger) as to be summarised again. */
const dirtyFlagsOf = (row: 'NEW' | 'OLD'): string =>
  `INSERT OR IGNORE INTO review_summary_dirty (flag_id)
   SELECT fj.flag_id FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE fj.natural_key = ${row}.natural_key AND f.current = 1;`;

/**
 * The review queue at national scale (docs/review.md, « File de revue »): what the queue sorts and filters on,
 * kept per flagged journey and per flagged person so that a page reads a few rows through an index instead of
 * aggregating every current flag.
 * - `review_journeys`: each journey linked by a current flag, with its highest severity (1 info, 2 warning, 3 high),
 *   its check ids (all, warning or above, high), its incentives at risk and the journey's columns the filters read;
 *   `review_journey_checks`: its highest severity per check (check filters);
 * - `review_persons`: each person named by a current flag, with its highest severity, check ids, and its flagged
 *   journeys (count, incentives at risk, operators); `review_person_checks`: its highest severity per check;
 *   `review_person_journeys`: the journeys its flags link where it drives or rides, with the journey's filtered
 *   columns, and `review_person_journey_checks` the same per check (filtered counts);
 * - `review_summary_dirty`: the current flags whose journeys and persons are to be summarised again. Triggers add
 *   the flags a scan retires or stores, and those linking a journey whose summarised columns change; the scan
 *   summarises them again in its transaction, the queue before reading if any are left.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('review_summary_dirty', (t) => {
    t.integer('flag_id').primary();
  });
  await knex.raw(tableSql(knex, `CREATE TABLE review_journeys (trip_id INTEGER PRIMARY KEY, natural_key TEXT NOT NULL UNIQUE, severity INTEGER NOT NULL,
    checks TEXT NOT NULL, checks_warning TEXT, checks_high TEXT, ${JOURNEY_COLUMNS_SQL}, driver TEXT, passenger TEXT)`));
  await knex.raw('CREATE INDEX review_journeys_driver ON review_journeys (driver)');
  await knex.raw('CREATE INDEX review_journeys_passenger ON review_journeys (passenger)');
  await knex.raw('CREATE INDEX review_journeys_queue ON review_journeys (at_risk DESC, severity DESC, start_local DESC, natural_key)');
  // Rows per check are clustered by check (WITHOUT ROWID): a check filter reads them in one range.
  await knex.raw(tableSql(knex, `CREATE TABLE review_journey_checks (trip_id INTEGER NOT NULL, check_id TEXT NOT NULL, severity INTEGER NOT NULL,
    PRIMARY KEY (check_id, trip_id)) WITHOUT ROWID`));
  await knex.raw('CREATE INDEX review_journey_checks_trip_id ON review_journey_checks (trip_id)');
  await knex.schema.createTable('review_persons', (t) => {
    t.text('person').primary();
    t.integer('severity').notNullable();
    t.text('checks').notNullable();
    t.text('checks_warning');
    t.text('checks_high');
    t.integer('journeys').notNullable();
    t.integer('at_risk').notNullable();
    t.text('operators');
  });
  await knex.raw('CREATE INDEX review_persons_queue ON review_persons (at_risk DESC, severity DESC, journeys DESC, person)');
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_checks (person TEXT NOT NULL, check_id TEXT NOT NULL, severity INTEGER NOT NULL,
    PRIMARY KEY (check_id, person)) WITHOUT ROWID`));
  await knex.raw('CREATE INDEX review_person_checks_person ON review_person_checks (person)');
  // A person's journeys are clustered by person: counting them per person reads the table in order.
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_journeys (person TEXT NOT NULL, trip_id INTEGER NOT NULL, severity INTEGER NOT NULL,
    ${JOURNEY_COLUMNS_SQL}, PRIMARY KEY (person, trip_id)) WITHOUT ROWID`));
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_journey_checks (person TEXT NOT NULL, trip_id INTEGER NOT NULL, check_id TEXT NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, person, trip_id)) WITHOUT ROWID`));
  await knex.raw('CREATE INDEX review_person_journey_checks_person ON review_person_journey_checks (person)');
  if (onPostgres(knex)) await reviewTriggersOnPostgres(knex);
  else await reviewTriggersOnSqlite(knex);
  // A store scanned before this version: its current flags are summarised when the queue is first read.
  await knex.raw('INSERT INTO review_summary_dirty (flag_id) SELECT id FROM check_flags WHERE current = 1');
}

async function reviewTriggersOnSqlite(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TRIGGER check_flags_review_insert AFTER INSERT ON check_flags WHEN NEW.current = 1
    BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id) VALUES (NEW.id); END`);
  await knex.raw(`CREATE TRIGGER check_flags_review_retire AFTER UPDATE OF current ON check_flags WHEN OLD.current = 1 AND NEW.current = 0
    BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id) VALUES (OLD.id); END`);
  await knex.raw(`CREATE TRIGGER trips_review_insert AFTER INSERT ON trips BEGIN ${dirtyFlagsOf('NEW')} END`);
  await knex.raw(`CREATE TRIGGER trips_review_delete AFTER DELETE ON trips BEGIN ${dirtyFlagsOf('OLD')} END`);
  await knex.raw(`CREATE TRIGGER trips_review_update AFTER UPDATE OF ${SUMMARY_COLUMNS.join(', ')} ON trips
    WHEN ${SUMMARY_COLUMNS.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')}
    BEGIN ${dirtyFlagsOf('OLD')} ${dirtyFlagsOf('NEW')} END`);
}

/** The current flags linking the journeys of a transition table, marked dirty (PostgreSQL statement triggers). */
const dirtyFlagsOfRows = (rows: string): string =>
  `INSERT INTO review_summary_dirty (flag_id)
   SELECT DISTINCT fj.flag_id FROM ${rows} r JOIN check_flag_journeys fj ON fj.natural_key = r.natural_key JOIN check_flags f ON f.id = fj.flag_id
   WHERE f.current = 1 ON CONFLICT DO NOTHING;`;

/** The same triggers on PostgreSQL; those on journeys run once per statement over its transition tables. */
async function reviewTriggersOnPostgres(knex: Knex): Promise<void> {
  await createPostgresTrigger(knex, {
    name: 'check_flags_review_insert', table: 'check_flags', timing: 'AFTER INSERT', when: 'NEW.current = 1',
    body: 'INSERT INTO review_summary_dirty (flag_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;',
  });
  await createPostgresTrigger(knex, {
    name: 'check_flags_review_retire', table: 'check_flags', timing: 'AFTER UPDATE OF current', when: 'OLD.current = 1 AND NEW.current = 0',
    body: 'INSERT INTO review_summary_dirty (flag_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;',
  });
  await createPostgresTrigger(knex, {
    name: 'trips_review_insert', table: 'trips', timing: 'AFTER INSERT', level: 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT',
    body: dirtyFlagsOfRows('new_rows'),
  });
  await createPostgresTrigger(knex, {
    name: 'trips_review_delete', table: 'trips', timing: 'AFTER DELETE', level: 'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT',
    body: dirtyFlagsOfRows('old_rows'),
  });
  const changed = (side: 'o' | 'n'): string =>
    `(SELECT ${side}.natural_key FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${SUMMARY_COLUMNS.map((column) => `o.${column} IS DISTINCT FROM n.${column}`).join(' OR ')})`;
  await createPostgresTrigger(knex, {
    name: 'trips_review_update', table: 'trips', timing: 'AFTER UPDATE', level: 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT',
    body: `${dirtyFlagsOfRows(changed('o'))} ${dirtyFlagsOfRows(changed('n'))}`,
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const trigger of ['trips_review_update', 'trips_review_delete', 'trips_review_insert', 'check_flags_review_retire', 'check_flags_review_insert']) {
    await dropTrigger(knex, trigger, trigger.startsWith('trips') ? 'trips' : 'check_flags');
  }
  for (const table of ['review_person_journey_checks', 'review_person_journeys', 'review_person_checks', 'review_persons', 'review_journey_checks', 'review_journeys', 'review_summary_dirty']) {
    await knex.schema.dropTable(table);
  }
}

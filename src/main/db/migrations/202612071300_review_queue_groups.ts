import type { Knex } from 'knex';
import { LEVEL_COLUMNS } from '../level-columns';
import { onPostgres, tableSql } from './engine';

/** A journey's columns the queue sorts and filters on (its incentives at risk in cents), as the summaries copy them. */
const JOURNEY_COLUMNS_SQL = [
  'at_risk INTEGER NOT NULL', 'operator_id INTEGER', 'start_local TEXT NOT NULL', 'status TEXT', ...Object.values(LEVEL_COLUMNS).flat().map((column) => `${column} TEXT`),
].join(', ');

/**
 * A subject's checks as masks of check codes (one bit per code, `review-sql.ts` `checkBit`): `own_<r>` the codes
 * with a flag of their own of at least severity rank r, `reg_<r>` those with a flag restating the registry's status;
 * `own_n<r>` / `reg_n<r>` how many codes each holds. Then the queue's order when nothing narrows it: `grp` (0 a flag
 * of its own, 1 only the registry's status), `severity` and `check_count` of that group's flags.
 */
const MASK_COLUMNS_SQL = [
  ...['own', 'reg'].flatMap((kind) => [1, 2, 3].flatMap((rank) => [`${kind}_${rank} INTEGER NOT NULL`, `${kind}_n${rank} INTEGER NOT NULL`])),
  'grp INTEGER NOT NULL', 'severity INTEGER NOT NULL', 'check_count INTEGER NOT NULL',
].join(', ');

/** Summary tables this migration reshapes; `review_person_journey_checks` and `review_summary_dirty` stay as they are. */
const RESHAPED = ['review_journey_checks', 'review_journeys', 'review_person_checks', 'review_person_journeys', 'review_persons'];

/** Every current flag is to be summarised again: the queue does it before its first read (db/review-summaries.ts). */
const markAllDirty = (knex: Knex): string =>
  onPostgres(knex)
    ? 'INSERT INTO review_summary_dirty (flag_id) SELECT id FROM check_flags WHERE current = 1 ON CONFLICT DO NOTHING'
    : 'INSERT OR IGNORE INTO review_summary_dirty (flag_id) SELECT id FROM check_flags WHERE current = 1';

/**
 * The review queue in groups, ranked (docs/review.md, « File de revue »): subjects whose flags only restate the
 * registry's status are counted apart, the queue is ordered by severity, number of distinct checks, then incentives
 * at risk, and checks can be hidden from it. The summaries gain, per journey and per person, masks of their check
 * codes split between flags of their own and flags restating the registry (per severity rank, with their counts),
 * and the order a queue nobody narrowed reads through one index. Per check, a flag's kind (`registry`) joins the
 * key. A person's flagged journeys keep the codes linking them (`codes_<r>`) in place of their highest severity.
 * The tables only hold what the current flags give: they are rebuilt, from every current flag, before the queue's
 * next read.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of RESHAPED) await knex.schema.dropTable(table);
  // Per check, clustered by check (a check filter reads one range); the trip index covers a journey's checks.
  await knex.raw(tableSql(knex, `CREATE TABLE review_journey_checks (check_id TEXT NOT NULL, trip_id INTEGER NOT NULL, registry INTEGER NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, trip_id, registry)) WITHOUT ROWID`));
  await knex.raw('CREATE INDEX review_journey_checks_trip_id ON review_journey_checks (trip_id, severity, registry)');
  await knex.raw(tableSql(knex, `CREATE TABLE review_journeys (trip_id INTEGER PRIMARY KEY, natural_key TEXT NOT NULL UNIQUE, ${MASK_COLUMNS_SQL},
    ${JOURNEY_COLUMNS_SQL}, driver TEXT, passenger TEXT)`));
  await knex.raw('CREATE INDEX review_journeys_driver ON review_journeys (driver)');
  await knex.raw('CREATE INDEX review_journeys_passenger ON review_journeys (passenger)');
  await knex.raw('CREATE INDEX review_journeys_queue ON review_journeys (grp, severity DESC, check_count DESC, at_risk DESC, start_local DESC, natural_key)');
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_checks (check_id TEXT NOT NULL, person TEXT NOT NULL, registry INTEGER NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, person, registry)) WITHOUT ROWID`));
  await knex.raw('CREATE INDEX review_person_checks_person ON review_person_checks (person, severity, registry)');
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_journeys (person TEXT NOT NULL, trip_id INTEGER NOT NULL,
    codes_1 INTEGER NOT NULL, codes_2 INTEGER NOT NULL, codes_3 INTEGER NOT NULL, ${JOURNEY_COLUMNS_SQL}, PRIMARY KEY (person, trip_id)) WITHOUT ROWID`));
  await knex.raw(tableSql(knex, `CREATE TABLE review_persons (person TEXT NOT NULL PRIMARY KEY, ${MASK_COLUMNS_SQL}, journeys INTEGER NOT NULL,
    at_risk INTEGER NOT NULL, operators TEXT)`));
  await knex.raw('CREATE INDEX review_persons_queue ON review_persons (grp, severity DESC, check_count DESC, at_risk DESC, journeys DESC, person)');
  await knex.raw(markAllDirty(knex));
}

/** Back to the summaries of `202612061510_review_summaries`, to be rebuilt by that version's queue. */
export async function down(knex: Knex): Promise<void> {
  for (const table of RESHAPED) await knex.schema.dropTable(table);
  await knex.raw(tableSql(knex, `CREATE TABLE review_journeys (trip_id INTEGER PRIMARY KEY, natural_key TEXT NOT NULL UNIQUE, severity INTEGER NOT NULL,
    checks TEXT NOT NULL, checks_warning TEXT, checks_high TEXT, ${JOURNEY_COLUMNS_SQL}, driver TEXT, passenger TEXT)`));
  await knex.raw('CREATE INDEX review_journeys_driver ON review_journeys (driver)');
  await knex.raw('CREATE INDEX review_journeys_passenger ON review_journeys (passenger)');
  await knex.raw('CREATE INDEX review_journeys_queue ON review_journeys (at_risk DESC, severity DESC, start_local DESC, natural_key)');
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
  await knex.raw(tableSql(knex, `CREATE TABLE review_person_journeys (person TEXT NOT NULL, trip_id INTEGER NOT NULL, severity INTEGER NOT NULL,
    ${JOURNEY_COLUMNS_SQL}, PRIMARY KEY (person, trip_id)) WITHOUT ROWID`));
  await knex.raw(markAllDirty(knex));
}

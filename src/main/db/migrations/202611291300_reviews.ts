import type { Knex } from 'knex';
import { userPersonSql } from '../person-sql';
import { appendOnlyOnPostgres, engineOf, onPostgres } from './engine';

/**
 * The investigator's review (docs/checks.md, « Instruction »):
 * - the flags in the review queue (`check_flags.current`), with the journeys and persons each flag links, so the
 *   queue filters and sorts in SQL; a later scan of the same journeys replaces them (`current` back to 0), the
 *   runs keep their history;
 * - decisions, append-only like the audit log (a revision is a new row pointing at the one it revises);
 * - `review_current`: the standing decision of each journey or person, and `excluded_trips`: the journeys that
 *   confirmed fraud takes out of simulations and exports;
 * - indexes on identity keys: a person's timeline and exclusions read a person's journeys;
 * - the labels of the suspicious patterns injected in the demo data (precision and recall of a scan).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('check_flags', (t) => {
    t.integer('current').notNullable().defaultTo(0);
    /** Local days (YYYY-MM-DD) of the earliest and latest journey the flag links; null for flags without journeys. */
    t.text('first_day');
    t.text('last_day');
  });
  await knex.schema.alterTable('check_flags', (t) => t.index(['current', 'check_id']));
  await knex.schema.alterTable('check_runs', (t) => {
    /** Precision and recall per check against the demo's labelled patterns (null without labels). */
    t.text('quality_json');
  });
  await knex.schema.createTable('check_flag_journeys', (t) => {
    t.integer('flag_id').notNullable().references('id').inTable('check_flags').onDelete('CASCADE');
    t.text('natural_key').notNullable();
    t.index(['flag_id']);
    t.index(['natural_key']);
  });
  await knex.schema.createTable('check_flag_persons', (t) => {
    t.integer('flag_id').notNullable().references('id').inTable('check_flags').onDelete('CASCADE');
    t.text('person').notNullable();
    t.index(['flag_id']);
    t.index(['person']);
  });
  await knex.schema.createTable('review_decisions', (t) => {
    t.increments('id');
    /** `journey` (natural key) or `person` (identity key, else `u:<operator id>:<user id>`). */
    t.text('subject_kind').notNullable();
    t.text('subject_key').notNullable();
    /** `confirmed` (fraude confirmée), `legitimate` (légitime), `info_requested` (information demandée à l'opérateur). */
    t.text('decision').notNullable();
    t.text('comment').notNullable();
    t.text('actor').notNullable();
    t.text('decided_at').notNullable();
    /** The decision this one revises (null for the first decision on the subject). */
    t.integer('previous_id').references('id').inTable('review_decisions');
    t.integer('audit_id').notNullable();
    t.index(['subject_kind', 'subject_key', 'id']);
  });
  if (onPostgres(knex)) {
    await appendOnlyOnPostgres(knex, 'review_decisions', 'review_decisions est en ajout seul : une révision est une nouvelle décision');
  } else {
    await knex.raw(
    `CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END`,
  );
  await knex.raw(
    `CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END`,
    );
  }
  await knex.raw(
    `CREATE VIEW review_current AS
     SELECT d.* FROM review_decisions d
     WHERE d.id = (SELECT MAX(x.id) FROM review_decisions x WHERE x.subject_kind = d.subject_kind AND x.subject_key = d.subject_key)`,
  );
  // Suspicious patterns the demo load injected, with the checks each must raise: a scan of the demo store
  // prints its precision and recall against them.
  await knex.schema.createTable('demo_labels', (t) => {
    t.text('natural_key').primary();
    t.text('check_ids_json').notNullable();
  });
  await knex.schema.alterTable('trips', (t) => {
    t.index(['driver_identity_key']);
    t.index(['passenger_identity_key']);
    // A person's aliases: the other identity keys seen with its operator accounts (G01's rule).
    t.index(['operator_id', 'operator_driver_id']);
    t.index(['operator_id', 'operator_passenger_id']);
  });
  // Persons known only by an operator's user id (no identity key in the extract): partial indexes on the same
  // expression as the person key, small since most journeys carry identity keys.
  const person = (side: 'driver' | 'passenger'): string => userPersonSql(side, '', engineOf(knex));
  await knex.raw(`CREATE INDEX trips_driver_user_person ON trips ((${person('driver')})) WHERE driver_identity_key IS NULL`);
  await knex.raw(`CREATE INDEX trips_passenger_user_person ON trips ((${person('passenger')})) WHERE passenger_identity_key IS NULL`);
  // A confirmed person takes all of its journeys in either role, except those with a decision of their own: a
  // journey's own decision stands over its persons'.
  const personBranch = (join: string, onlyWhere: string): string =>
    `SELECT t.id FROM review_current c JOIN trips t ON ${join}
       WHERE c.subject_kind = 'person' AND c.decision = 'confirmed'${onlyWhere}
       AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = t.natural_key)`;
  await knex.raw(
    `CREATE VIEW excluded_trips AS
     SELECT t.id AS trip_id FROM review_current c JOIN trips t ON t.natural_key = c.subject_key
       WHERE c.subject_kind = 'journey' AND c.decision = 'confirmed'
     UNION ${personBranch('t.driver_identity_key = c.subject_key', '')}
     UNION ${personBranch('t.passenger_identity_key = c.subject_key', '')}
     UNION ${personBranch(`t.driver_identity_key IS NULL AND ${userPersonSql('driver', 't.', engineOf(knex))} = c.subject_key`, " AND c.subject_key LIKE 'u:%'")}
     UNION ${personBranch(`t.passenger_identity_key IS NULL AND ${userPersonSql('passenger', 't.', engineOf(knex))} = c.subject_key`, " AND c.subject_key LIKE 'u:%'")}`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP VIEW excluded_trips');
  await knex.raw('DROP INDEX trips_driver_user_person');
  await knex.raw('DROP INDEX trips_passenger_user_person');
  await knex.schema.alterTable('trips', (t) => {
    t.dropIndex(['driver_identity_key']);
    t.dropIndex(['passenger_identity_key']);
    t.dropIndex(['operator_id', 'operator_driver_id']);
    t.dropIndex(['operator_id', 'operator_passenger_id']);
  });
  await knex.schema.dropTable('demo_labels');
  await knex.raw('DROP VIEW review_current');
  await knex.schema.dropTable('review_decisions');
  await knex.schema.dropTable('check_flag_persons');
  await knex.schema.dropTable('check_flag_journeys');
  await knex.schema.alterTable('check_runs', (t) => t.dropColumn('quality_json'));
  await knex.schema.alterTable('check_flags', (t) => {
    t.dropIndex(['current', 'check_id']);
    t.dropColumn('current');
    t.dropColumn('first_day');
    t.dropColumn('last_day');
  });
}

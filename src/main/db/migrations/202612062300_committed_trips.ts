import type { Knex } from 'knex';
import { createPostgresTrigger, dropTrigger, onPostgres } from './engine';

/**
 * Readers see committed imports only (docs/architecture.md, « Lots d’import et lecteurs »):
 * - `committed_trips`: the journeys of every batch that is not running. An import writes its new journeys chunk by
 *   chunk under its batch id while it runs (in the worker's short transactions, so that the application's own
 *   writes interleave); statistics, scans, simulations, exports and the review pages read this view, so that a
 *   batch still running in this process or another one (the CLI beside the app) is invisible until its final
 *   transaction marks it committed, and is deleted without ever having been read if it fails. SQLite flattens the
 *   view into each query (the indexes of `trips` serve as before) and evaluates the subquery once per statement:
 *   a handful of running batch ids at most;
 * - the two indexes journeys are counted on by start (a simulation's totals: all journeys, flagged ones) carry the
 *   batch id, so that those counts stay on the index through the view (without it, each counted journey's row was
 *   read for its batch: 0.5 s more per million);
 * - a batch that commits deletes the campaign blocks of its days (one day of margin each side: blocks are UTC days,
 *   periods local days): a simulation that built a block while the batch ran read it without the batch's journeys.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("CREATE VIEW committed_trips AS SELECT * FROM trips WHERE batch_id NOT IN (SELECT id FROM import_batches WHERE status = 'running')");
  await knex.raw('DROP INDEX trips_start_at_index');
  await knex.raw('CREATE INDEX trips_start_at_index ON trips (start_at, batch_id)');
  await knex.raw('DROP INDEX trips_flagged_start_at');
  await knex.raw("CREATE INDEX trips_flagged_start_at ON trips (start_at, batch_id) WHERE status IS NOT NULL AND status <> 'ok'");
  if (onPostgres(knex)) {
    await createPostgresTrigger(knex, {
      name: 'import_batches_commit_blocks', table: 'import_batches', timing: 'AFTER UPDATE OF status',
      when: "OLD.status = 'running' AND NEW.status = 'committed' AND NEW.period_from IS NOT NULL AND NEW.period_to IS NOT NULL",
      body: `DELETE FROM campaign_trip_blocks
        WHERE day BETWEEN to_char(NEW.period_from::date - 1, 'YYYY-MM-DD') AND to_char(NEW.period_to::date + 1, 'YYYY-MM-DD');`,
    });
    return;
  }
  await knex.raw(`CREATE TRIGGER import_batches_commit_blocks AFTER UPDATE OF status ON import_batches
    WHEN OLD.status = 'running' AND NEW.status = 'committed' AND NEW.period_from IS NOT NULL AND NEW.period_to IS NOT NULL
    BEGIN DELETE FROM campaign_trip_blocks WHERE day BETWEEN date(NEW.period_from, '-1 day') AND date(NEW.period_to, '+1 day'); END`);
}

export async function down(knex: Knex): Promise<void> {
  await dropTrigger(knex, 'import_batches_commit_blocks', 'import_batches');
  await knex.raw('DROP VIEW committed_trips');
  await knex.raw('DROP INDEX trips_flagged_start_at');
  await knex.raw("CREATE INDEX trips_flagged_start_at ON trips (start_at) WHERE status IS NOT NULL AND status <> 'ok'");
  await knex.raw('DROP INDEX trips_start_at_index');
  await knex.raw('CREATE INDEX trips_start_at_index ON trips (start_at)');
}

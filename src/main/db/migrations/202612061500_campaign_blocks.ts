import type { Knex } from 'knex';
import { createPostgresTrigger, dropTrigger, onPostgres } from './engine';

/**
 * Columns of `trips` a campaign block keeps (db/campaign-trip-source.ts, `JOURNEY_FIELDS`): changing one of them
 * makes the blocks of the journey's old and new days stale.
 */
const BLOCK_COLUMNS = [
  'id', 'status', 'start_at', 'start_local', 'operator_id', 'distance_m', 'seats', 'operator_class', 'driver_revenue_cents',
  'passenger_contribution_cents', 'start_lat', 'start_lon', 'end_lat', 'end_lon',
  ...['start', 'end'].flatMap((end) => ['com', 'insee', 'epci', 'aom', 'dep', 'reg', 'country'].map((level) => `${end}_${level}`)),
  'operator_journey_id', 'operator_trip_id', 'driver_identity_key', 'passenger_identity_key', 'operator_driver_id', 'operator_passenger_id',
];

/** The block of a journey's UTC day of start (`row` is NEW or OLD in a trigger). */
const blockOf = (row: 'NEW' | 'OLD'): string => `substr(${row}.start_at, 1, 10)`;

/**
 * Simulations at national scale (docs/campaigns-format.md, "Simulation on the store"):
 * - `campaign_trip_blocks`: what campaigns read of the journeys of one UTC day of start, encoded in typed columns
 *   (db/campaign-block-codec.ts), built by the first simulation that needs it. A cache: triggers delete a day's
 *   block whenever one of its journeys is inserted, deleted or has a kept column changed, and a block of another
 *   `format` is rebuilt;
 * - `campaign_persons`: the persons (identity key, else operator's user id) blocks name by id, so that a simulation
 *   reads each person's text once. Ids never change; a person no longer named by any block stays;
 * - a partial index of the journeys the registry flagged, by start: a simulation counts its journeys on indexes
 *   only (those of the period minus the flagged ones).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaign_trip_blocks', (t) => {
    /** First ten characters of the journeys' `start_at`: a UTC day. */
    t.text('day').primary();
    t.integer('format').notNullable();
    t.binary('data').notNullable();
  });
  await knex.schema.createTable('campaign_persons', (t) => {
    t.increments('id');
    t.text('person').notNullable().unique();
  });
  if (onPostgres(knex)) await campaignBlockTriggersOnPostgres(knex);
  else await campaignBlockTriggersOnSqlite(knex);
  await knex.raw("CREATE INDEX trips_flagged_start_at ON trips (start_at) WHERE status IS NOT NULL AND status <> 'ok'");
}

async function campaignBlockTriggersOnSqlite(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TRIGGER trips_campaign_blocks_insert AFTER INSERT ON trips
    BEGIN DELETE FROM campaign_trip_blocks WHERE day = ${blockOf('NEW')}; END`);
  await knex.raw(`CREATE TRIGGER trips_campaign_blocks_delete AFTER DELETE ON trips
    BEGIN DELETE FROM campaign_trip_blocks WHERE day = ${blockOf('OLD')}; END`);
  // An update that writes the same values (an AOM refresh, a journey published again unchanged) keeps the block.
  await knex.raw(`CREATE TRIGGER trips_campaign_blocks_update AFTER UPDATE OF ${BLOCK_COLUMNS.join(', ')} ON trips
    WHEN ${BLOCK_COLUMNS.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')}
    BEGIN DELETE FROM campaign_trip_blocks WHERE day IN (${blockOf('OLD')}, ${blockOf('NEW')}); END`);
}

/**
 * The same triggers on PostgreSQL, once per statement over its transition tables: a `COPY` of a million journeys
 * deletes each day's block once instead of once per journey. (A statement trigger with transition tables cannot
 * name columns: the update trigger compares the kept columns itself.)
 */
async function campaignBlockTriggersOnPostgres(knex: Knex): Promise<void> {
  const daysOf = (rows: string): string => `SELECT substr(start_at, 1, 10) FROM ${rows}`;
  await createPostgresTrigger(knex, {
    name: 'trips_campaign_blocks_insert', table: 'trips', timing: 'AFTER INSERT', level: 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT',
    body: `DELETE FROM campaign_trip_blocks WHERE day IN (${daysOf('new_rows')});`,
  });
  await createPostgresTrigger(knex, {
    name: 'trips_campaign_blocks_delete', table: 'trips', timing: 'AFTER DELETE', level: 'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT',
    body: `DELETE FROM campaign_trip_blocks WHERE day IN (${daysOf('old_rows')});`,
  });
  const changed = `old_rows o JOIN new_rows n ON n.id = o.id WHERE ${BLOCK_COLUMNS.map((column) => `o.${column} IS DISTINCT FROM n.${column}`).join(' OR ')}`;
  await createPostgresTrigger(knex, {
    name: 'trips_campaign_blocks_update', table: 'trips', timing: 'AFTER UPDATE', level: 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT',
    body: `DELETE FROM campaign_trip_blocks WHERE day IN (SELECT substr(o.start_at, 1, 10) FROM ${changed} UNION SELECT substr(n.start_at, 1, 10) FROM ${changed});`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX trips_flagged_start_at');
  for (const trigger of ['insert', 'delete', 'update']) await dropTrigger(knex, `trips_campaign_blocks_${trigger}`, 'trips');
  await knex.schema.dropTable('campaign_persons');
  await knex.schema.dropTable('campaign_trip_blocks');
}

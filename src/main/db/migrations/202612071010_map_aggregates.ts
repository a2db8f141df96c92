import type { Knex } from 'knex';

/**
 * Map aggregates (docs/map.md), rebuilt month by month with the statistics by the `stats.refresh` job, in the same
 * transaction as the month's statistics:
 * - `map_flow_month`: directed journeys (validated, confirmed fraud excluded) per month, ISO weekday (1 = Monday) and
 *   hour band (0 night, 1 morning rush, 2 day, 3 evening rush, 4 evening) of the local start, and origin–destination
 *   commune pair, with each end's codes at every level as the journeys carry them: a flow map of any level, territory
 *   and filter is one GROUP BY over these rows, never a scan of the journeys;
 * - `map_pair_month`: the same without weekday and band (a third to a tenth of the rows), read by maps that do not
 *   filter on them — most of them;
 * - `map_area_month`: the same without the communes (a few thousand rows a month for a région), read by maps of
 *   EPCI, AOM and départements whose territory is not a commune;
 * - `map_place_month`: per month and commune (INSEE code as published), the median latitude and longitude of the
 *   journeys' ends there (the registry truncates them) and how many ends: communes are placed without any contour;
 * - `map_place`: the same over every month (median of the monthly medians weighted by their ends), read by maps;
 * - `map_month`: the months whose map aggregates are built, so that a store migrated from before knows which
 *   months still need a statistics refresh.
 */
/**
 * A monthly flow table: the month, `extra` columns, both ends' codes at `levels`, and the measures. Built the same way
 * for the three tables so that one SELECT shape reads any of them.
 */
function createFlowTable(knex: Knex, name: string, levels: readonly string[], extra: (t: Knex.CreateTableBuilder) => void = () => undefined): Promise<void> {
  return knex.schema.createTable(name, (t) => {
    t.text('month').notNullable();
    extra(t);
    for (const level of levels) {
      t.text(`start_${level}`);
      t.text(`end_${level}`);
    }
    t.integer('journeys').notNullable();
    t.integer('rpc_cents').notNullable();
    t.index(['month']);
  });
}

export async function up(knex: Knex): Promise<void> {
  await createFlowTable(knex, 'map_flow_month', ['insee', 'epci', 'aom', 'dep', 'reg'], (t) => {
    t.integer('dow').notNullable();
    t.integer('band').notNullable();
  });
  await createFlowTable(knex, 'map_pair_month', ['insee', 'epci', 'aom', 'dep', 'reg']);
  await createFlowTable(knex, 'map_area_month', ['epci', 'aom', 'dep', 'reg']);
  await knex.schema.createTable('map_place_month', (t) => {
    t.text('month').notNullable();
    t.text('insee').notNullable();
    t.float('lat').notNullable();
    t.float('lon').notNullable();
    t.integer('ends').notNullable();
    t.primary(['month', 'insee']);
  });
  await knex.schema.createTable('map_place', (t) => {
    t.text('insee').primary();
    t.float('lat').notNullable();
    t.float('lon').notNullable();
    t.integer('ends').notNullable();
  });
  await knex.schema.createTable('map_month', (t) => {
    t.text('month').primary();
    t.integer('journeys').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['map_month', 'map_place', 'map_place_month', 'map_area_month', 'map_pair_month', 'map_flow_month']) await knex.schema.dropTable(table);
}

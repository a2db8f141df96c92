import type { Knex } from 'knex';

/** Measures shared by the per-day tables (additive over days, operators and classes). */
function additiveMeasures(t: Knex.CreateTableBuilder): void {
  t.integer('journeys').notNullable();
  // Car trips: distinct operator trip ids (a journey without one is its own car trip).
  t.integer('trips').notNullable();
  t.integer('seats').notNullable();
  t.integer('distance_m').notNullable();
  // Σ distance × seats: passenger-metres, for CO₂ avoided (registry: 195 g CO₂e per passenger-km).
  t.integer('seat_distance_m').notNullable();
  t.integer('duration_s').notNullable();
}

/**
 * Statistics aggregates (docs/statistics.md), rebuilt day by day after each sync by the `stats.refresh` job.
 * Levels: com (INSEE code as published: arrondissement or commune), epci, aom, dep, reg, country. Directions:
 * `from` (starts in the territory), `to` (ends in it), `intra` (both); `both` = from + to − intra at query time.
 * Only journeys the registry validated are counted (status `ok`, or unknown for open data).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stats_day', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('day').notNullable();
    additiveMeasures(t);
    t.integer('rpc_cents').notNullable();
    t.integer('op_cents').notNullable();
    t.integer('incented').notNullable();
    // Journeys per distance class, km: [0,10), [10,20), [20,30), [30,40), [40,50), ≥ 50 (registry classes).
    for (const band of ['d0', 'd10', 'd20', 'd30', 'd40', 'd50']) t.integer(band).notNullable();
    t.primary(['level', 'code', 'direction', 'day']);
    t.index(['day']);
  });
  // Operator and proof-class shares, and hours of the day, per month: per day they would outnumber the journeys
  // of a région (every commune × day × operator × class), and the dashboard shows them as distributions.
  await knex.schema.createTable('stats_op_month', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('month').notNullable();
    t.integer('operator_id').notNullable();
    t.text('operator_class').notNullable();
    t.integer('journeys').notNullable();
    t.integer('rpc_cents').notNullable();
    t.primary(['level', 'code', 'direction', 'month', 'operator_id', 'operator_class']);
  });
  await knex.schema.createTable('stats_hour_month', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('month').notNullable();
    t.integer('hour').notNullable();
    t.integer('journeys').notNullable();
    t.primary(['level', 'code', 'direction', 'month', 'hour']);
  });
  // Journeys per commune of a territory and month (top communes): direction `both` stored too (a journey counts
  // once for each commune it touches).
  await knex.schema.createTable('stats_com_month', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('month').notNullable();
    t.text('com').notNullable();
    t.integer('journeys').notNullable();
    t.primary(['level', 'code', 'direction', 'month', 'com']);
  });
  // Undirected pairs of different communes (com_1 < com_2) with at least one end in the territory, per month,
  // as the registry's flux tables.
  await knex.schema.createTable('stats_flow_month', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('month').notNullable();
    t.text('com_1').notNullable();
    t.text('com_2').notNullable();
    t.integer('journeys').notNullable();
    t.integer('seats').notNullable();
    t.integer('distance_m').notNullable();
    t.primary(['level', 'code', 'month', 'com_1', 'com_2']);
  });
  // Distinct people per calendar month (the registry's monthly « covoitureurs » definition): not additive over days.
  await knex.schema.createTable('stats_people_month', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('month').notNullable();
    t.integer('drivers').notNullable();
    t.integer('passengers').notNullable();
    t.primary(['level', 'code', 'direction', 'month']);
  });
  // First journey of each person (identity key, else operator user id), for « nouveaux conducteurs / passagers ».
  await knex.schema.createTable('people_first', (t) => {
    t.text('role').notNullable();
    t.text('person').notNullable();
    t.text('first_at').notNullable();
    t.text('natural_key').notNullable();
    t.primary(['role', 'person']);
    t.index(['first_at']);
  });
  await knex.schema.createTable('stats_newcomers_day', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('day').notNullable();
    t.integer('new_drivers').notNullable();
    t.integer('new_passengers').notNullable();
    t.primary(['level', 'code', 'direction', 'day']);
  });
  // Local day of a journey, for the per-month refresh to find the journeys of a range through an index.
  await knex.raw('CREATE INDEX trips_start_local ON trips (start_local)');
}

/** Tables of this migration, for `down`. */
const TABLES = ['stats_newcomers_day', 'people_first', 'stats_people_month', 'stats_flow_month', 'stats_com_month', 'stats_hour_month', 'stats_op_month', 'stats_day'];

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX trips_start_local');
  for (const table of TABLES) await knex.schema.dropTable(table);
}

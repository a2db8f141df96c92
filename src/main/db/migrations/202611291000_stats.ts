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
    t.integer('operator_id').notNullable();
    t.text('operator_class').notNullable();
    additiveMeasures(t);
    t.integer('rpc_cents').notNullable();
    t.integer('op_cents').notNullable();
    t.integer('incented').notNullable();
    // Journeys per distance class, km: [0,10), [10,20), [20,30), [30,40), [40,50), ≥ 50 (registry classes).
    for (const band of ['d0', 'd10', 'd20', 'd30', 'd40', 'd50']) t.integer(band).notNullable();
    t.primary(['level', 'code', 'direction', 'day', 'operator_id', 'operator_class']);
    t.index(['day']);
  });
  await knex.schema.createTable('stats_hour', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('direction').notNullable();
    t.text('day').notNullable();
    t.integer('hour').notNullable();
    t.integer('journeys').notNullable();
    t.primary(['level', 'code', 'direction', 'day', 'hour']);
    t.index(['day']);
  });
  // Undirected origin–destination pairs (code_1 ≤ code_2), as the registry's flux tables.
  await knex.schema.createTable('stats_flow_day', (t) => {
    t.text('level').notNullable();
    t.text('code_1').notNullable();
    t.text('code_2').notNullable();
    t.text('day').notNullable();
    additiveMeasures(t);
    t.primary(['level', 'code_1', 'code_2', 'day']);
    t.index(['level', 'code_2', 'day']);
    t.index(['day']);
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
  // Local day of a journey, for the per-day refresh to find the journeys of a range through an index.
  await knex.raw('CREATE INDEX trips_start_local ON trips (start_local)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX trips_start_local');
  for (const table of ['stats_newcomers_day', 'people_first', 'stats_people_month', 'stats_flow_day', 'stats_hour', 'stats_day']) {
    await knex.schema.dropTable(table);
  }
}

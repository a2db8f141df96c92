import type { Knex } from 'knex';

/** Location columns carried for both ends of a journey: the code as published plus derived codes. */
function locationColumns(t: Knex.CreateTableBuilder, end: 'start' | 'end'): void {
  t.float(`${end}_lat`);
  t.float(`${end}_lon`);
  // INSEE code as published: arrondissement or commune, or 99xxx for a foreign country.
  t.text(`${end}_insee`);
  t.text(`${end}_com`);
  t.text(`${end}_epci`);
  t.text(`${end}_aom`);
  t.text(`${end}_dep`);
  t.text(`${end}_reg`);
  t.text(`${end}_country`);
}

/**
 * The canonical trip model: one row per journey (one driver–passenger pair). Money in integer cents,
 * distance in integer metres, instants in UTC ISO 8601, whatever the source file's unit.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operators', (t) => {
    t.increments('id');
    t.text('name').notNullable().unique();
    t.text('registry_uuid');
  });

  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id');
    t.text('job_id');
    t.text('source').notNullable();
    t.text('format').notNullable();
    t.text('content_hash');
    // running → committed | cancelled | failed; rows of a batch that is not committed are never kept.
    t.text('status').notNullable();
    t.text('period_from');
    t.text('period_to');
    t.integer('rows_read').notNullable().defaultTo(0);
    t.integer('rows_inserted').notNullable().defaultTo(0);
    t.integer('rows_updated').notNullable().defaultTo(0);
    t.integer('rows_unchanged').notNullable().defaultTo(0);
    t.integer('rows_rejected').notNullable().defaultTo(0);
    t.text('started_at').notNullable();
    t.text('ended_at');
    t.index(['status']);
  });

  await knex.schema.createTable('trips', (t) => {
    t.increments('id');
    // `j:<journey_id>` when the registry id is known, else `o:<operator>:<operator_journey_id>`.
    t.text('natural_key').notNullable().unique();
    t.bigInteger('journey_id');
    t.integer('operator_id').references('id').inTable('operators');
    t.text('operator_journey_id');
    t.text('operator_trip_id');
    t.text('operator_class');
    t.text('status');
    t.text('acquisition_status');
    t.text('fraud_status');
    t.text('anomaly_status');
    t.text('start_at').notNullable();
    t.text('end_at');
    // Local wall-clock time as published (Europe/Paris, ceiled to 10 min by the registry).
    t.text('start_local').notNullable();
    t.text('end_local');
    t.integer('duration_s');
    t.integer('distance_m');
    locationColumns(t, 'start');
    locationColumns(t, 'end');
    t.integer('seats');
    t.text('driver_identity_key');
    t.text('passenger_identity_key');
    t.text('operator_driver_id');
    t.text('operator_passenger_id');
    t.integer('driver_revenue_cents');
    t.integer('passenger_contribution_cents');
    t.integer('cee_application');
    t.integer('has_incentive');
    for (const i of [0, 1, 2]) {
      t.text(`op_incentive_${i}_siret`);
      t.text(`op_incentive_${i}_name`);
      t.integer(`op_incentive_${i}_cents`);
    }
    for (const i of [0, 1, 2]) {
      t.text(`rpc_incentive_${i}_campaign_id`);
      t.text(`rpc_incentive_${i}_campaign_name`);
      t.text(`rpc_incentive_${i}_siret`);
      t.text(`rpc_incentive_${i}_name`);
      t.integer(`rpc_incentive_${i}_cents`);
    }
    t.integer('batch_id').notNullable().references('id').inTable('import_batches');
    t.integer('source_line');
    t.index(['start_at']);
    t.index(['batch_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('trips');
  await knex.schema.dropTable('import_batches');
  await knex.schema.dropTable('operators');
}

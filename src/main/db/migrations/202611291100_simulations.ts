import type { Knex } from 'knex';

/** Saved campaign simulations: what was simulated (definition and request) and its results, reopened later. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('simulations', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('campaign_id').notNullable();
    t.text('campaign_name').notNullable();
    t.text('from_day').notNullable();
    t.text('to_day').notNullable();
    // The definition as simulated (a later catalogue change must not alter a saved simulation).
    t.text('definition_json').notNullable();
    t.text('request_json').notNullable();
    t.text('job_id');
    t.text('result_json');
    t.text('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('simulations');
}

import type { Knex } from 'knex';

/** Check scans: each run (period, parameters, counts) and the flags it produced, with their evidence. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('check_runs', (t) => {
    t.increments('id');
    t.text('job_id');
    t.text('from_day');
    t.text('to_day');
    t.text('parameters_json').notNullable();
    t.integer('trips').notNullable();
    t.integer('flags').notNullable();
    t.text('created_at').notNullable();
  });
  await knex.schema.createTable('check_flags', (t) => {
    t.increments('id');
    t.integer('run_id').notNullable().references('id').inTable('check_runs').onDelete('CASCADE');
    t.text('check_id').notNullable();
    t.text('severity').notNullable();
    t.text('journey_keys_json').notNullable();
    t.text('persons_json').notNullable();
    t.text('evidence_json').notNullable();
    t.index(['run_id', 'check_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('check_flags');
  await knex.schema.dropTable('check_runs');
}

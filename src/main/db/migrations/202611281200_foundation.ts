import type { Knex } from 'knex';
import { appendOnlyOnPostgres, onPostgres } from './engine';

/** Settings, job history and the append-only, hash-chained audit log. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('settings', (t) => {
    t.text('key').primary();
    t.text('value_json').notNullable();
    t.text('updated_at').notNullable();
  });

  await knex.schema.createTable('jobs', (t) => {
    t.text('id').primary();
    t.text('kind').notNullable();
    t.text('status').notNullable();
    t.text('params_json').notNullable();
    t.text('summary_json');
    t.text('error');
    t.text('started_at').notNullable();
    t.text('ended_at');
    t.integer('current').notNullable().defaultTo(0);
    t.integer('total').notNullable().defaultTo(0);
    t.text('step');
    // Process that runs the job: a job is only declared interrupted once that process is gone.
    t.integer('owner_pid');
    t.index(['status']);
    t.index(['started_at']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.text('at').notNullable();
    t.text('actor').notNullable();
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id');
    t.text('before_json');
    t.text('after_json');
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable().unique();
  });
  // The log is evidence: the database itself refuses to edit or delete an entry.
  if (onPostgres(knex)) {
    await appendOnlyOnPostgres(knex, 'audit_log', 'audit_log est en ajout seul');
    return;
  }
  await knex.raw(
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END`,
  );
  await knex.raw(
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('jobs');
  await knex.schema.dropTable('settings');
}

import type { Knex } from 'knex';

/**
 * Privacy and trust of what an import stored:
 * - `import_batches.encoding` and `warnings_json`: the text encoding the file was read in (`utf-8`, `windows-1252`,
 *   `ascii`; `+`-joined for a zip) and what the user should know of a file imported all the same (a CSV of a zip with
 *   no line), so that the sync log says what was decided (docs/import.md);
 * - how this store keeps operators' user ids (docs/privacy.md): `pseudonymised` (a keyed hash per store, the default of
 * every store created from now on, and of an existing store that holds no user id yet), or `clear` for a store that
 * already holds them in clear — its journeys keep being stored in clear, since a user must keep one id within a
 * store for the checks to link their journeys, until the store is converted (`atelier db pseudonymise`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batches', (t) => {
    t.text('encoding');
    t.text('warnings_json');
  });
  await knex.schema.createTable('store_privacy', (t) => {
    t.integer('id').primary();
    t.text('user_ids').notNullable();
  });
  await knex.raw(`INSERT INTO store_privacy (id, user_ids)
    SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM trips WHERE operator_driver_id IS NOT NULL OR operator_passenger_id IS NOT NULL)
      THEN 'clear' ELSE 'pseudonymised' END`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('store_privacy');
  // SQLite's own DROP COLUMN: knex's rebuilds the table, which the view `committed_trips` forbids.
  await knex.raw('ALTER TABLE import_batches DROP COLUMN warnings_json');
  await knex.raw('ALTER TABLE import_batches DROP COLUMN encoding');
}

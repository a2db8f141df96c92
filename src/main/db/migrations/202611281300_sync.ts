import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { DEMO_AOM_NAMES, DEMO_COMMUNES } from '../../domain/demo/demo-geography';

/** Île-de-France Mobilités, AOM of every commune of the Île-de-France region (code 11). */
const IDFM = { siren: '217500016', name: 'Île-de-France Mobilités' };

/**
 * The AOM table shipped with the app: the demo communes (hand-built) and Île-de-France, where one AOM covers the
 * whole region. Elsewhere AOMs come from the Cerema file the user imports.
 */
function shippedAomRows(at: string): Array<Record<string, string>> {
  const require = createRequire(__filename);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as Array<{ code: string; type: string; region?: string }>;
  const rows = communes
    .filter((commune) => commune.type === 'commune-actuelle' && commune.region === '11')
    .map((commune) => ({ commune: commune.code, aom: IDFM.siren, aom_name: IDFM.name, source: 'demo', updated_at: at }));
  for (const commune of DEMO_COMMUNES) {
    rows.push({ commune: commune.code, aom: commune.aom, aom_name: DEMO_AOM_NAMES[commune.aom] ?? '', source: 'demo', updated_at: at });
  }
  return rows;
}

/**
 * Extract sync: change detection on journeys, the sync log's file facts, the quarantine of rejected rows,
 * and the AOM reference (no npm source: shipped demo table, Cerema file import, names learned from extracts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('trips', (t) => {
    // Hash of every canonical field: a newer extract updates a journey only when this changes.
    t.text('row_hash');
  });
  await knex.schema.alterTable('import_batches', (t) => {
    t.text('file_name');
    t.integer('file_size');
    t.text('error');
    // JSON object {code: occurrences} of INSEE codes that resolved nowhere (kept on the trips, reported here).
    t.text('unresolved_codes_json');
  });
  await knex.schema.createTable('rejected_rows', (t) => {
    t.increments('id');
    t.integer('batch_id').notNullable().references('id').inTable('import_batches');
    t.text('file_name').notNullable();
    t.integer('line').notNullable();
    t.text('field');
    // A stable reason (grouped and filtered on) and what this occurrence showed (value found, first line…).
    t.text('reason').notNullable();
    t.text('detail');
    t.text('raw').notNullable();
    t.index(['batch_id']);
    t.index(['reason']);
  });
  // New versions of already-stored journeys wait here until their batch commits (then replace the stored rows).
  await knex.schema.createTable('import_staged_updates', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('import_batches');
    t.text('natural_key').notNullable();
    t.text('row_json').notNullable();
    t.index(['batch_id']);
  });
  await knex.schema.createTable('aom_communes', (t) => {
    t.text('commune').primary();
    t.text('aom').notNullable();
    t.text('aom_name');
    // demo | cerema | learned
    t.text('source').notNullable();
    t.text('updated_at').notNullable();
  });
  const rows = shippedAomRows(new Date().toISOString());
  for (let offset = 0; offset < rows.length; offset += 100) await knex('aom_communes').insert(rows.slice(offset, offset + 100));
  await knex.schema.createTable('aom_names_learned', (t) => {
    t.text('commune').notNullable();
    t.text('aom_name').notNullable();
    t.integer('seen').notNullable();
    t.primary(['commune', 'aom_name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('aom_names_learned');
  await knex.schema.dropTable('aom_communes');
  await knex.schema.dropTable('import_staged_updates');
  await knex.schema.dropTable('rejected_rows');
  await knex.schema.alterTable('import_batches', (t) => {
    t.dropColumn('unresolved_codes_json');
    t.dropColumn('error');
    t.dropColumn('file_size');
    t.dropColumn('file_name');
  });
  await knex.schema.alterTable('trips', (t) => t.dropColumn('row_hash'));
}

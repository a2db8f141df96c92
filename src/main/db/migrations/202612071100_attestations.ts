import type { Knex } from 'knex';
import { appendOnlyOnPostgres, onPostgres } from './engine';

/**
 * The register of issued attestations de covoiturage (docs/attestations.md): one row per attestation, append-only
 * like the audit log (an attestation issued stays issued), each with the audit entry recorded with it:
 * - `id` is the register id printed on the PDF and part of the attested content; `number` orders the register;
 * - `person` is the store's key of the person (identity key, or `u:<operator id>:<user id pseudonym>`), never a user
 *   id in clear;
 * - `figures_json` holds the figures as attested (months and totals), `code` the SHA-256 of the canonical content,
 *   `pages_digest` the SHA-256 of what the PDF's pages show (to tell an edited PDF);
 * - `batch_job_id` the batch job that issued it (null when issued alone).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attestations', (t) => {
    t.increments('number');
    t.text('id').notNullable().unique();
    t.text('issued_at').notNullable();
    t.text('actor').notNullable();
    t.text('person').notNullable();
    t.text('period_from').notNullable();
    t.text('period_to').notNullable();
    t.text('issuer_name').notNullable();
    t.text('issuer_siret').notNullable();
    t.text('figures_json').notNullable();
    t.text('code').notNullable().unique();
    t.text('pages_digest').notNullable();
    t.text('file');
    t.text('batch_job_id');
    t.integer('audit_id').notNullable();
    t.index(['issued_at']);
    t.index(['person']);
  });
  if (onPostgres(knex)) {
    await appendOnlyOnPostgres(knex, 'attestations', 'le registre des attestations est en ajout seul');
    return;
  }
  await knex.raw(
    `CREATE TRIGGER attestations_no_update BEFORE UPDATE ON attestations
     BEGIN SELECT RAISE(ABORT, 'le registre des attestations est en ajout seul'); END`,
  );
  await knex.raw(
    `CREATE TRIGGER attestations_no_delete BEFORE DELETE ON attestations
     BEGIN SELECT RAISE(ABORT, 'le registre des attestations est en ajout seul'); END`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attestations');
}

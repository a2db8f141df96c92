import type { Knex } from 'knex';

/** Columns of each end's place, as `trips` names them (the AOM is read through the view below). */
const PLACE_COLUMNS = ['insee', 'com', 'epci', 'dep', 'reg', 'country'] as const;

/**
 * Journeys declared by carpoolers who use no operator's app (docs/declarations.md), kept apart from the registry's
 * proofs: nothing that reads `trips` or `committed_trips` (statistics, simulations, APDF, exports, scans) sees them.
 * - `declaration_batches`: one per import of a file or entry through the form, with who recorded it, when, the file
 *   (name, SHA-256) and what became of its rows, and the audit entry written with it;
 * - `declared_trips`: the journeys accepted, each with its batch and file line (null for the form), the declarant's
 *   id, the carpooler's person key when given (identity key, or `u:<operator id>:<user id pseudonym>`: never a user id
 *   in clear), role, seats, local and UTC departure, distance in metres (declared, or estimated: `distance_estimated`
 *   1), each end's codes at every level as `trips` names them, and the position the distance rules used for each end
 *   with its uncertainty (`*_radius_m`). `natural_key` (`decl:` + SHA-256 of declarant, day, minute, communes and
 *   role) makes a second import of the same journey a duplicate, whatever the file;
 * - `declaration_rejected_rows`: the rows not accepted (one row per problem found; `outcome` `duplicate` for a
 *   journey already declared, not an error), with their line, field, reason code and French reason, kept with
 *   their batch and exportable;
 * - `declared_trips_geo`: the declared journeys with the AOM of each end as the store's AOM table says now (the same
 *   lookup an AOM import applies to `trips`), so that a territory filter reads them as it reads journeys.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('declaration_batches', (t) => {
    t.increments('id');
    /** `file` or `form`. */
    t.text('source').notNullable();
    t.text('file_name');
    t.text('file_sha256');
    t.integer('rows').notNullable();
    t.integer('accepted').notNullable();
    t.integer('duplicates').notNullable();
    t.integer('rejected').notNullable();
    t.text('actor').notNullable();
    t.text('created_at').notNullable();
    t.text('job_id');
    t.integer('audit_id');
  });
  await knex.schema.createTable('declared_trips', (t) => {
    t.increments('id');
    t.text('natural_key').notNullable().unique();
    t.integer('batch_id').notNullable().references('id').inTable('declaration_batches');
    t.integer('line');
    t.text('declarant_id').notNullable();
    t.text('person_key');
    /** `driver` or `passenger`. */
    t.text('role').notNullable();
    t.integer('seats').notNullable();
    t.text('start_at').notNullable();
    t.text('start_local').notNullable();
    t.integer('distance_m').notNullable();
    t.integer('distance_estimated').notNullable();
    for (const end of ['start', 'end'] as const) {
      for (const column of PLACE_COLUMNS) t.text(`${end}_${column}`);
      t.float(`${end}_lat`);
      t.float(`${end}_lon`);
      t.integer(`${end}_radius_m`);
    }
    t.text('comment');
    t.text('created_at').notNullable();
    t.index(['declarant_id', 'start_at']);
    t.index(['person_key', 'start_at']);
    t.index(['start_local']);
    t.index(['batch_id']);
  });
  await knex.schema.createTable('declaration_rejected_rows', (t) => {
    t.increments('id');
    t.integer('batch_id').notNullable().references('id').inTable('declaration_batches');
    t.integer('line');
    /** `rejected`, or `duplicate` (a journey already declared: not an error). */
    t.text('outcome').notNullable();
    t.text('field');
    t.text('reason_code').notNullable();
    t.text('reason').notNullable();
    t.text('raw').notNullable();
    t.index(['batch_id', 'line']);
  });
  await knex.raw(
    `CREATE VIEW declared_trips_geo AS SELECT d.*,
       (SELECT a.aom FROM aom_communes a WHERE a.commune = d.start_com) AS start_aom,
       (SELECT a.aom FROM aom_communes a WHERE a.commune = d.end_com) AS end_aom
     FROM declared_trips d`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP VIEW declared_trips_geo');
  await knex.schema.dropTable('declaration_rejected_rows');
  await knex.schema.dropTable('declared_trips');
  await knex.schema.dropTable('declaration_batches');
}

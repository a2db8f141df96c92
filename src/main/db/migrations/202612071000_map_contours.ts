import type { Knex } from 'knex';

/**
 * Contours imported by the user for the Carte page (docs/map.md, « Contours ») in `map_contours`: one row per level
 * (`com`, `epci`, `aom`, `dep`, `reg`) and code (INSEE or SIREN), with its GeoJSON geometry (Polygon or
 * MultiPolygon, WGS 84 degrees, simplified for display), a representative point inside it (`lon`, `lat`, degrees:
 * where the map places the code without parsing geometry), where it comes from (`source`, printed on maps), whether
 * it was derived by dissolving communes (`derived` 1) rather than read from the file, and when it was imported (ISO
 * UTC). An import replaces the rows of every level it brings, in one transaction.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('map_contours', (t) => {
    t.text('level').notNullable();
    t.text('code').notNullable();
    t.text('name');
    t.text('geometry_json').notNullable();
    t.float('lon').notNullable();
    t.float('lat').notNullable();
    t.text('source').notNullable();
    t.integer('derived').notNullable().defaultTo(0);
    t.text('imported_at').notNullable();
    t.primary(['level', 'code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('map_contours');
}

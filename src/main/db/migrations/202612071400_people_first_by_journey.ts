import type { Knex } from 'knex';

/**
 * Each person's first journey found from the journey: the statistics refresh rewrites the newcomers of the days it
 * touched only (db/stats-refresh.ts), reading those days' journeys and the people whose first journey they are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX people_first_natural_key ON people_first (natural_key)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX people_first_natural_key');
}

import type { Knex } from 'knex';
import * as foundation from './202611281200_foundation';
import * as trips from './202611281210_trips';
import * as sync from './202611281300_sync';
import * as stats from './202611291000_stats';
import * as simulations from './202611291100_simulations';
import * as checks from './202611291200_checks';
import * as reviews from './202611291300_reviews';
import * as campaignBlocks from './202612061500_campaign_blocks';
import * as reviewSummaries from './202612061510_review_summaries';
import * as committedTrips from './202612062300_committed_trips';
import * as userIdPrivacy from './202612062310_user_id_privacy';
import * as mapContours from './202612071000_map_contours';
import * as mapAggregates from './202612071010_map_aggregates';
import * as attestations from './202612071100_attestations';
import * as declaredTrips from './202612071200_declared_trips';
import * as reviewQueueGroups from './202612071300_review_queue_groups';
import * as peopleFirstByJourney from './202612071400_people_first_by_journey';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, in order, imported statically: directory scanning breaks once main is bundled into out/main.
 * knex refuses a store that recorded a migration missing from this list ("migration directory is corrupt").
 */
const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['202611281200_foundation', foundation],
  ['202611281210_trips', trips],
  ['202611281300_sync', sync],
  ['202611291000_stats', stats],
  ['202611291100_simulations', simulations],
  ['202611291200_checks', checks],
  ['202611291300_reviews', reviews],
  ['202612061500_campaign_blocks', campaignBlocks],
  ['202612061510_review_summaries', reviewSummaries],
  ['202612062300_committed_trips', committedTrips],
  ['202612062310_user_id_privacy', userIdPrivacy],
  ['202612071000_map_contours', mapContours],
  ['202612071010_map_aggregates', mapAggregates],
  ['202612071100_attestations', attestations],
  ['202612071200_declared_trips', declaredTrips],
  ['202612071300_review_queue_groups', reviewQueueGroups],
  ['202612071400_people_first_by_journey', peopleFirstByJourney],
];

export const migrationNames: readonly string[] = migrations.map(([name]) => name);

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrationNames.slice(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`Migration inconnue : ${name}`);
    return found[1];
  },
};

import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { HOUR_BAND_STARTS } from '../../../shared/types/map';
import { storeCampaignPages } from '../../db/campaign-trip-blocks';
import { countStoreCampaignTrips } from '../../db/campaign-trip-source';
import { withStoreConnection } from '../../db/store-connection';
import { compileCampaign, createCampaignRun, type CompileOverrides, type TripPlace } from '../../domain/campaigns';
import { scopedPair, type MapScope, type MapTerritoryLevel } from '../../domain/map/map-scope';
import { utcToParisLocal } from '../../domain/time/paris-time';
import type { TaskContext } from './task-context';

/** What `map.simulation-overlay` is started with: the store, the saved simulation as it ran, and the map's scope. */
export interface MapSimulationOverlayParams {
  storeAddress: string;
  simulation: { definition: CampaignDefinition; overrides: CompileOverrides; from: string; to: string; includeFlagged: boolean; includeConfirmedFraud: boolean };
  scope: MapScope;
}

const BAND_STARTS = Object.values(HOUR_BAND_STARTS);

/** A trip end's code at a map level: `com` is the INSEE code as published (the campaign trip's `arr`). */
const placeCode = (place: TripPlace, level: MapTerritoryLevel): string | null => (level === 'com' ? place.arr : place[level]) ?? null;

/**
 * Replays a saved simulation over its whole period (its counters and budget as they ran) and counts, per directed
 * pair of the map's scope, the journeys it pays (amount > 0). Answers `[origin, destination, journeys]` triples.
 */
export async function mapSimulationOverlay(params: MapSimulationOverlayParams, context: TaskContext): Promise<{ pairs: Array<[string, string, number]> }> {
  const run = createCampaignRun(compileCampaign(params.simulation.definition, params.simulation.overrides), { options: { explain: false } });
  const counts = new Map<string, [string, string, number]>();
  await withStoreConnection(params.storeAddress, async (db) => {
    const { journeys: total } = await countStoreCampaignTrips(db, params.simulation);
    let done = 0;
    for await (const page of storeCampaignPages(db, params.simulation)) {
      for (const { trip, journey } of page) {
        done += 1;
        const result = run.evaluate(trip);
        if (!result.eligible || result.amountCents <= 0) continue;
        const pair = scopedPair(
          params.scope,
          {
            day: journey.day,
            // Local hours cost a time-zone conversion: only the paid journeys of a map filtering bands need one.
            hour: () => Number(utcToParisLocal(new Date(trip.datetime).toISOString()).slice(11, 13)),
            start: (level) => placeCode(trip.start, level),
            end: (level) => placeCode(trip.end, level),
          },
          BAND_STARTS,
        );
        if (!pair) continue;
        const key = `${pair[0]}\u001f${pair[1]}`;
        const entry = counts.get(key);
        if (entry) entry[2] += 1;
        else counts.set(key, [pair[0], pair[1], 1]);
      }
      context.signal.throwIfAborted();
      context.progress('simulate', done, total);
    }
  });
  return { pairs: [...counts.values()] };
}

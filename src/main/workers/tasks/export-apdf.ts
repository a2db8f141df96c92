import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { apdfNames, apdfSourceTrips, countApdfExcluded, countOperatorMonthExcluded, type ApdfSourceTrip } from '../../db/apdf-source';
import { storeCampaignTrips } from '../../db/campaign-trip-source';
import type { SqlExecutor } from '../../db/sql-executor';
import { withStoreConnection } from '../../db/store-connection';
import { compileCampaign, createCampaignRun, type CompileOverrides } from '../../domain/campaigns';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { writeApdfWorkbook, type ApdfTrip, type ApdfWorkbookResult, type DistanceSlice } from '../../exports/apdf-workbook';
import { checkApdfWorkbook } from '../../exports/read-back';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import type { TaskContext } from './task-context';

/** What `export.apdf` is started with: the store, the workbook (campaign × operator × month) and where to write it. */
export interface ExportApdfParams {
  storeAddress: string;
  /** `slices`: the definition's distance slices in metres (`definitionSlices`), empty when it has none or is unknown. */
  campaign: { id: string; name: string; slices: DistanceSlice[] };
  operator: { id: number; name: string };
  /** `YYYY-MM`. */
  month: string;
  outDir: string;
  /**
   * A saved simulation to take the amounts from (its definition replayed over its whole period, so counters and
   * budget are as simulated); absent: the registry incentives of the extracts.
   */
  simulation?: { definition: CampaignDefinition; overrides: CompileOverrides; from: string; to: string; includeFlagged: boolean; includeConfirmedFraud: boolean };
  /** Keep journeys confirmed as fraud (registry incentives only; a simulation keeps its own choice). */
  includeConfirmedFraud: boolean;
}

/** The workbook written (checked), its totals, and the journeys confirmed fraud left out of it. */
export type ExportApdfSummary = ApdfWorkbookResult & { excludedConfirmedFraud: number };

/** The month's journeys of one operator with the amounts of a simulation replayed from the start of its period. */
async function* simulatedApdfTrips(db: SqlExecutor, params: ExportApdfParams & { simulation: NonNullable<ExportApdfParams['simulation']> }): AsyncGenerator<ApdfSourceTrip> {
  const run = createCampaignRun(compileCampaign(params.simulation.definition, params.simulation.overrides), { options: { explain: false } });
  const upper = (value: string | null): string | null => (value === null ? null : value.toUpperCase());
  for await (const { trip, journey, facts } of storeCampaignTrips(db, params.simulation)) {
    const result = run.evaluate(trip);
    // Every trip goes through the engine (counters), only the operator's eligible ones of the month are printed.
    if (!result.eligible || trip.operator_id !== params.operator.id || !journey.day.startsWith(params.month)) continue;
    yield {
      journeyId: facts.journeyId, operatorJourneyId: upper(trip.operator_journey_id) ?? '', operatorTripId: upper(trip.operator_trip_id),
      startAt: String(trip.datetime), endAt: facts.endAt, startInsee: trip.start.arr ?? null, startEpci: trip.start.epci ?? null,
      endInsee: trip.end.arr ?? null, endEpci: trip.end.epci ?? null, durationS: facts.durationS, distanceM: trip.distance,
      operatorName: facts.operatorName, operatorClass: trip.operator_class ?? '', driverOperatorUserId: upper(facts.operatorDriverId),
      passengerOperatorUserId: upper(facts.operatorPassengerId), incentiveCents: Math.max(0, result.amountCents),
    };
  }
}

/**
 * Writes the APDF workbook of a campaign × operator × month from the registry incentives of the extracts, then
 * reads it back and runs the registry's consistency checks on it (a failed check fails the job, file removed).
 */
export function exportApdf(params: ExportApdfParams, context: TaskContext): Promise<ExportApdfSummary> {
  return withStoreConnection(params.storeAddress, async (db) => {
    const names = apdfNames(createGeoResolver(withAom(loadDecoupageReference(), new Map())));
    const input = { campaignId: params.campaign.id, operatorId: params.operator.id, month: params.month, includeConfirmedFraud: params.includeConfirmedFraud };
    // A simulation's replay leaves out what it left out: only the journeys of the month are counted here.
    const excluded = params.simulation
      ? await countOperatorMonthExcluded(db, { operatorId: params.operator.id, month: params.month, includeConfirmedFraud: params.simulation.includeConfirmedFraud })
      : await countApdfExcluded(db, input);
    let count = 0;
    async function* rows(): AsyncGenerator<ApdfTrip> {
      const source = params.simulation
        ? simulatedApdfTrips(db, { ...params, simulation: params.simulation })
        : apdfSourceTrips(db, input);
      for await (const trip of source) {
        count += 1;
        if (count % 5_000 === 0) context.progress('write', count, 0);
        yield {
          journeyId: trip.journeyId,
          operatorJourneyId: trip.operatorJourneyId,
          operatorTripId: trip.operatorTripId,
          startAt: trip.startAt,
          endAt: trip.endAt,
          startLocation: names.location(trip.startInsee),
          startEpci: names.epci(trip.startEpci),
          startInsee: trip.startInsee,
          endLocation: names.location(trip.endInsee),
          endEpci: names.epci(trip.endEpci),
          endInsee: trip.endInsee,
          durationS: trip.durationS,
          distanceM: trip.distanceM,
          operatorName: trip.operatorName,
          operatorClass: trip.operatorClass,
          driverOperatorUserId: trip.driverOperatorUserId,
          passengerOperatorUserId: trip.passengerOperatorUserId,
          incentiveCents: trip.incentiveCents,
          // Neither extracts nor bulk simulations say which dates were boosted: every journey is « normale ».
          incentiveType: 'normale',
        };
      }
    }
    const result = await writeApdfWorkbook({ campaign: params.campaign, operator: params.operator, month: params.month, rows: rows(), outDir: params.outDir, signal: context.signal });
    context.progress('check', count, count);
    const problems = await checkApdfWorkbook(result.file, { campaignId: params.campaign.id });
    if (problems.length > 0) throw new Error(`Classeur APDF incohérent : ${problems.join(' ; ')}`);
    return { ...result, excludedConfirmedFraud: excluded };
  });
}
